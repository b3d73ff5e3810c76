// Package activities holds the Temporal activities of the workflows: every
// read of policy and calendar data and every write to PostgreSQL (the read
// model, the audit log, the outbox and the credit ledger). Each write is
// idempotent, so a retried activity changes nothing twice.
//
// Register one value with the worker: w.RegisterActivity(&Activities{...}).
package activities

import (
	"log/slog"

	"github.com/liaoning-finance/cpe/store"
)

// Activities carries what the activities need; its exported methods are
// the activities.
type Activities struct {
	// Store is the PostgreSQL layer.
	Store *store.Store
	// Log is the structured logger.
	Log *slog.Logger
}

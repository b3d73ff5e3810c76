package store

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// AuditEntry is one line of the append-only audit log.
type AuditEntry struct {
	AccountID   *int64
	Role        string
	Action      string
	SubjectKind string
	SubjectID   string
	Details     any
}

// Audit appends e to the audit log inside a transaction.
func Audit(ctx context.Context, tx Querier, e AuditEntry) error {
	details := e.Details
	if details == nil {
		details = map[string]any{}
	}
	_, err := tx.Exec(ctx, `INSERT INTO audit_log (account_id, role, action, subject_kind, subject_id, details)
		VALUES ($1, $2, $3, $4, $5, $6)`, e.AccountID, e.Role, e.Action, e.SubjectKind, e.SubjectID, details)
	return err
}

// Audit appends e to the audit log on its own.
func (s *Store) Audit(ctx context.Context, e AuditEntry) error {
	return s.InTx(ctx, func(tx pgx.Tx) error { return Audit(ctx, tx, e) })
}

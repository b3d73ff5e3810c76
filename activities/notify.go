package activities

import (
	"context"

	"github.com/liaoning-finance/cpe/store"
)

// Notify queues a notification in the outbox, once per dedup key.
func (a *Activities) Notify(ctx context.Context, n store.Notification) error {
	_, err := a.Store.Notify(ctx, n)
	return err
}

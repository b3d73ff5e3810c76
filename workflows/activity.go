package workflows

import (
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/liaoning-finance/cpe/activities"
	"github.com/liaoning-finance/cpe/store"
)

// acts names the activity methods; workflows never call them directly.
var acts *activities.Activities

// withActivityOptions sets the options of every activity: short attempts,
// retried until they succeed (a database outage delays, never loses, a
// change).
func withActivityOptions(ctx workflow.Context) workflow.Context {
	return workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 30 * time.Second,
		RetryPolicy: &temporal.RetryPolicy{
			InitialInterval:    time.Second,
			BackoffCoefficient: 2,
			MaximumInterval:    time.Minute,
		},
	})
}

// notify queues a notification in the outbox.
func notify(ctx workflow.Context, n store.Notification) error {
	return workflow.ExecuteActivity(ctx, acts.Notify, n).Get(ctx, nil)
}

package workflows

import (
	"time"

	"go.temporal.io/sdk/workflow"
)

// startTimer starts a timer named summary (the name the Temporal UI shows)
// that sets *fired at the instant at; an instant already past sets it at
// once. Cancelling ctx stops the timer without setting *fired.
func startTimer(ctx workflow.Context, at time.Time, summary string, fired *bool) {
	d := at.Sub(workflow.Now(ctx))
	if d <= 0 {
		*fired = true
		return
	}
	t := workflow.NewTimerWithOptions(ctx, d, workflow.TimerOptions{Summary: summary})
	workflow.Go(ctx, func(ctx workflow.Context) {
		if t.Get(ctx, nil) == nil {
			*fired = true
		}
	})
}

package workflows

import (
	"time"

	"go.temporal.io/sdk/workflow"

	"github.com/liaoning-finance/cpe/calendar"
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

// startDeadlineTimer starts the timer of a deadline, as startTimer does:
// it sets *fired when the deadline whose Deadline.At is due has passed (see
// deadlinePassesAt).
func startDeadlineTimer(ctx workflow.Context, due time.Time, summary string, fired *bool) {
	startTimer(ctx, deadlinePassesAt(ctx, due), summary, fired)
}

// deadlinePassesAt is the instant the deadline whose Deadline.At is due
// passes: the end of its day, 24:00 +08:00 (DESIGN.md §3), so an action in
// the day's last second is in time. Workflows that ran before version 1 of
// changeDeadlineMidnight keep due (23:59:59 +08:00) itself. Whatever decides
// whether an action came after a deadline must compare with this instant.
func deadlinePassesAt(ctx workflow.Context, due time.Time) time.Time {
	if workflow.GetVersion(ctx, changeDeadlineMidnight, workflow.DefaultVersion, 1) == workflow.DefaultVersion {
		return due
	}
	return calendar.DateOf(due).AddDays(1).StartOf()
}

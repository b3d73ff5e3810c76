package worker

import (
	"time"

	"go.temporal.io/sdk/client"
	sdkworker "go.temporal.io/sdk/worker"

	"github.com/liaoning-finance/cpe/activities"
	"github.com/liaoning-finance/cpe/workflows"
)

// New returns a worker for taskQueue with every workflow and activity of
// the product registered. The tracing interceptor comes from the client.
func New(c client.Client, taskQueue string, acts *activities.Activities) sdkworker.Worker {
	// Eight pollers of each kind instead of the SDK's two: a decision is an
	// Update followed by an activity and another workflow task, and with two
	// pollers concurrent decisions queued (BenchmarkFilingDecisions: p99
	// 1.98 s with two, 0.24 s with eight, at 8 concurrent reviewers).
	w := sdkworker.New(c, taskQueue, sdkworker.Options{
		MaxConcurrentWorkflowTaskPollers: 8,
		MaxConcurrentActivityTaskPollers: 8,
		// On SIGTERM running activities get this long to finish.
		WorkerStopTimeout: 20 * time.Second,
	})
	for _, wf := range workflows.All() {
		w.RegisterWorkflow(wf)
	}
	w.RegisterActivity(acts)
	return w
}

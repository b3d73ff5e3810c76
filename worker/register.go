package worker

import (
	"go.temporal.io/sdk/client"
	sdkworker "go.temporal.io/sdk/worker"

	"github.com/liaoning-finance/cpe/activities"
	"github.com/liaoning-finance/cpe/workflows"
)

// New returns a worker for taskQueue with every workflow and activity of
// the product registered. The tracing interceptor comes from the client.
func New(c client.Client, taskQueue string, acts *activities.Activities) sdkworker.Worker {
	w := sdkworker.New(c, taskQueue, sdkworker.Options{})
	for _, wf := range workflows.All() {
		w.RegisterWorkflow(wf)
	}
	w.RegisterActivity(acts)
	return w
}

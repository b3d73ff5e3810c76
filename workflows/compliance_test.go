package workflows

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"

	"github.com/liaoning-finance/cpe/activities"
	"github.com/liaoning-finance/cpe/store"
)

func TestComplianceWorkflowPages(t *testing.T) {
	var suite testsuite.WorkflowTestSuite
	env := suite.NewTestWorkflowEnvironment()
	// The yearly schedule starts it on 1 February 2026, 02:00 Asia/Shanghai,
	// with year 0: it evaluates 2025.
	env.SetStartTime(time.Date(2026, 2, 1, 2, 0, 0, 0, shanghaiClock))
	var started, finished []activities.ComplianceRunRef
	var afters []int64
	env.OnActivity(acts.ComplianceStart, mock.Anything, mock.Anything).Return(
		func(_ context.Context, run activities.ComplianceRunRef) error {
			started = append(started, run)
			return nil
		})
	env.OnActivity(acts.ComplianceEvaluatePage, mock.Anything, mock.Anything).Return(
		func(_ context.Context, req activities.CompliancePageRequest) (store.CompliancePage, error) {
			afters = append(afters, req.AfterPersonID)
			if req.AfterPersonID == 0 {
				return store.CompliancePage{LastPersonID: 2100, Evaluated: req.PageSize, Short: 7}, nil
			}
			return store.CompliancePage{LastPersonID: 2105, Evaluated: 5, Short: 1}, nil
		})
	var persons int
	env.OnActivity(acts.ComplianceFinish, mock.Anything, mock.Anything, mock.Anything).Return(
		func(_ context.Context, run activities.ComplianceRunRef, n int) error {
			finished, persons = append(finished, run), n
			return nil
		})
	env.ExecuteWorkflow(ComplianceWorkflow, 0)
	if err := env.GetWorkflowError(); err != nil {
		t.Fatal(err)
	}
	var sum ComplianceSummary
	if err := env.GetWorkflowResult(&sum); err != nil {
		t.Fatal(err)
	}
	if sum != (ComplianceSummary{Year: 2025, Persons: compliancePageSize + 5, Short: 8, Pages: 2}) {
		t.Errorf("summary = %+v", sum)
	}
	if len(afters) != 2 || afters[0] != 0 || afters[1] != 2100 {
		t.Errorf("pages started after %v, want [0 2100]", afters)
	}
	if len(started) != 1 || started[0].Year != 2025 || len(finished) != 1 || persons != compliancePageSize+5 ||
		finished[0].WorkflowID != started[0].WorkflowID {
		t.Errorf("start %+v, finish %+v (%d persons)", started, finished, persons)
	}
}

func TestComplianceWorkflowWithoutPolicy(t *testing.T) {
	var suite testsuite.WorkflowTestSuite
	env := suite.NewTestWorkflowEnvironment()
	env.OnActivity(acts.ComplianceStart, mock.Anything, mock.Anything).Return(nil)
	env.OnActivity(acts.ComplianceEvaluatePage, mock.Anything, mock.Anything).Return(store.CompliancePage{},
		temporal.NewNonRetryableApplicationError("no continuing-education policy is loaded for 2019", "NoPolicy", nil))
	env.ExecuteWorkflow(ComplianceWorkflow, 2019)
	var appErr *temporal.ApplicationError
	if err := env.GetWorkflowError(); !errors.As(err, &appErr) || appErr.Type() != "NoPolicy" {
		t.Fatalf("error = %v, want NoPolicy", err)
	}
}

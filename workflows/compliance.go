package workflows

import (
	"fmt"
	"strconv"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/liaoning-finance/cpe/activities"
	"github.com/liaoning-finance/cpe/calendar"
	"github.com/liaoning-finance/cpe/store"
)

// compliancePageSize is how many persons one activity evaluates.
const compliancePageSize = 2000

// kindCompliance is the CpeKind of compliance runs.
const kindCompliance = "compliance"

// ComplianceSummary is the outcome of a run: counts only, no personal data.
type ComplianceSummary struct {
	Year    int `json:"year"`
	Persons int `json:"persons"`
	Short   int `json:"short"`
	Pages   int `json:"pages"`
}

// ComplianceWorkflowID is the workflow id of the on-demand evaluation of
// year: one runs at a time.
func ComplianceWorkflowID(year int) string { return "compliance-" + strconv.Itoa(year) }

// ComplianceStartOptions are the options to evaluate year on demand on
// taskQueue: a second start while one runs finds the running one; a
// finished run may be repeated.
func ComplianceStartOptions(year int, taskQueue string) client.StartWorkflowOptions {
	return client.StartWorkflowOptions{
		ID:                       ComplianceWorkflowID(year),
		TaskQueue:                taskQueue,
		StaticSummary:            complianceSummaryText(year),
		WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
		WorkflowIDReusePolicy:    enumspb.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE,
		TypedSearchAttributes: temporal.NewSearchAttributes(KindKey.ValueSet(kindCompliance),
			YearKey.ValueSet(int64(year))),
	}
}

// complianceSummaryText is the static summary of a run of year.
func complianceSummaryText(year int) string {
	return fmt.Sprintf("年度继续教育达标评估 · %d", year)
}

// ComplianceWorkflow evaluates the year of every registered person against
// the year's policy, a page of persons per activity, and stores each
// result; the compliance report is served from them. Year 0 means the year
// before the one the workflow starts in (Asia/Shanghai), which is what the
// yearly schedule passes.
func ComplianceWorkflow(ctx workflow.Context, year int) (ComplianceSummary, error) {
	start := workflow.Now(ctx)
	if year == 0 {
		year = calendar.DateOf(start).Year - 1
	}
	if err := workflow.UpsertTypedSearchAttributes(ctx, KindKey.ValueSet(kindCompliance),
		YearKey.ValueSet(int64(year))); err != nil {
		return ComplianceSummary{}, err
	}
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 5 * time.Minute,
		RetryPolicy: &temporal.RetryPolicy{InitialInterval: time.Second, BackoffCoefficient: 2,
			MaximumInterval: time.Minute},
	})
	run := activities.ComplianceRunRef{Year: year, WorkflowID: workflow.GetInfo(ctx).WorkflowExecution.ID, At: start}
	if err := workflow.ExecuteActivity(ctx, acts.ComplianceStart, run).Get(ctx, nil); err != nil {
		return ComplianceSummary{}, err
	}
	sum := ComplianceSummary{Year: year}
	req := activities.CompliancePageRequest{Run: run, PageSize: compliancePageSize}
	for {
		workflow.SetCurrentDetails(ctx, fmt.Sprintf("evaluating %d: %d persons done, %d short", year, sum.Persons, sum.Short))
		var page store.CompliancePage
		if err := workflow.ExecuteActivity(ctx, acts.ComplianceEvaluatePage, req).Get(ctx, &page); err != nil {
			return sum, err
		}
		sum.Pages++
		sum.Persons += page.Evaluated
		sum.Short += page.Short
		req.AfterPersonID = page.LastPersonID
		if page.Evaluated < compliancePageSize {
			break
		}
	}
	run.At = workflow.Now(ctx)
	if err := workflow.ExecuteActivity(ctx, acts.ComplianceFinish, run, sum.Persons).Get(ctx, nil); err != nil {
		return sum, err
	}
	workflow.SetCurrentDetails(ctx, fmt.Sprintf("evaluated %d: %d persons, %d short", year, sum.Persons, sum.Short))
	return sum, nil
}

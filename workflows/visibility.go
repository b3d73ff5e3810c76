package workflows

import (
	"fmt"
	"strings"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/liaoning-finance/cpe/calendar"
)

// startOptions are the options to start the workflow id of a filing or
// claim on taskQueue with its summary and the search attributes known at
// once. A second start finds the running workflow, and a workflow that
// finished is never started again.
func startOptions(id, taskQueue, summary string, attrs ...temporal.SearchAttributeUpdate) client.StartWorkflowOptions {
	return client.StartWorkflowOptions{
		ID:                       id,
		TaskQueue:                taskQueue,
		StaticSummary:            summary,
		WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
		WorkflowIDReusePolicy:    enumspb.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE,
		TypedSearchAttributes:    temporal.NewSearchAttributes(attrs...),
	}
}

// searchState is what a filing or claim shows in its search attributes.
type searchState struct {
	kind, stage, region, city string
	// institution is the institution id of a filing, "" for a claim.
	institution     string
	year            int
	overdue         bool
	escalationLevel int
	// assignedRegion and dueAt are unset when "" or nil.
	assignedRegion string
	dueAt          *time.Time
}

// publish shows a filing's or claim's state in the Temporal UI: the search
// attributes and the current details.
func publish(ctx workflow.Context, s searchState, details string) error {
	updates := []temporal.SearchAttributeUpdate{
		KindKey.ValueSet(s.kind), StageKey.ValueSet(s.stage), RegionKey.ValueSet(s.region), CityKey.ValueSet(s.city),
	}
	if s.institution != "" {
		updates = append(updates, InstitutionKey.ValueSet(s.institution))
	}
	updates = append(updates, YearKey.ValueSet(int64(s.year)), OverdueKey.ValueSet(s.overdue),
		EscalationLevelKey.ValueSet(int64(s.escalationLevel)))
	if s.assignedRegion != "" {
		updates = append(updates, AssignedRegionKey.ValueSet(s.assignedRegion))
	} else {
		updates = append(updates, AssignedRegionKey.ValueUnset())
	}
	if s.dueAt != nil {
		updates = append(updates, DueAtKey.ValueSet(*s.dueAt))
	} else {
		updates = append(updates, DueAtKey.ValueUnset())
	}
	if err := workflow.UpsertTypedSearchAttributes(ctx, updates...); err != nil {
		return err
	}
	workflow.SetCurrentDetails(ctx, details)
	return nil
}

// writeHolder writes the details' line of the review held by assigned,
// escalated level levels, without its end: "- <what> round N, held by …".
func writeHolder(b *strings.Builder, what string, round int, assigned string, level int) {
	fmt.Fprintf(b, "- %s round %d, held by %s", what, round, assigned)
	if level > 0 {
		fmt.Fprintf(b, " (escalated %d level(s))", level)
	}
}

// writeDue writes the details' line of a deadline: "- <what>: <due>".
func writeDue(b *strings.Builder, what string, due time.Time, overdue bool) {
	fmt.Fprintf(b, "- %s: %s", what, localTime(due))
	if overdue {
		b.WriteString(" — **overdue**")
	}
	b.WriteString("\n")
}

// localTime formats an instant in Asia/Shanghai for people.
func localTime(t time.Time) string {
	return t.In(calendar.Shanghai).Format("2006-01-02 15:04")
}

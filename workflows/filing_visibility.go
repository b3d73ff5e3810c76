package workflows

import (
	"fmt"
	"strings"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/liaoning-finance/cpe/calendar"
	"github.com/liaoning-finance/cpe/store"
)

// publish shows the filing's state in the Temporal UI: the search
// attributes and the current details.
func (r *filingRun) publish(ctx workflow.Context) error {
	f := r.f
	updates := []temporal.SearchAttributeUpdate{
		KindKey.ValueSet(kindFiling), StageKey.ValueSet(f.Stage), RegionKey.ValueSet(f.Region),
		CityKey.ValueSet(f.City), InstitutionKey.ValueSet(fmt.Sprint(f.InstitutionID)),
		YearKey.ValueSet(int64(f.Year)), OverdueKey.ValueSet(f.Overdue),
		EscalationLevelKey.ValueSet(int64(f.EscalationLevel)),
	}
	if f.AssignedRegion != "" {
		updates = append(updates, AssignedRegionKey.ValueSet(f.AssignedRegion))
	} else {
		updates = append(updates, AssignedRegionKey.ValueUnset())
	}
	if due := r.currentDue(); due != nil {
		updates = append(updates, DueAtKey.ValueSet(*due))
	} else {
		updates = append(updates, DueAtKey.ValueUnset())
	}
	if err := workflow.UpsertTypedSearchAttributes(ctx, updates...); err != nil {
		return err
	}
	workflow.SetCurrentDetails(ctx, r.details())
	return nil
}

// currentDue is the deadline of the filing's stage, if it has one.
func (r *filingRun) currentDue() *time.Time {
	switch {
	case r.f.ReviewStep != "":
		return r.f.ReviewDueAt
	case r.f.Stage == store.StageApproved || r.f.Stage == store.StageAwaitingRecords:
		return r.f.RecordsDueAt
	case r.f.Stage == store.StageRecordsReturned:
		return r.f.CorrectionDueAt
	}
	return nil
}

// details is the current-details markdown: stage, review, deadlines. It
// names no person.
func (r *filingRun) details() string {
	f := r.f
	var b strings.Builder
	fmt.Fprintf(&b, "**%s** · stage `%s`\n", r.label(), f.Stage)
	fmt.Fprintf(&b, "- training: %s – %s, %.2f credits (%s, %s)\n", localTime(f.StartAt), localTime(f.EndAt),
		f.Credits, f.Category, f.Level)
	if f.ReviewStep != "" {
		fmt.Fprintf(&b, "- %s review, round %d, held by %s", f.ReviewStep, r.review.Spec.Round, f.AssignedRegion)
		if f.EscalationLevel > 0 {
			fmt.Fprintf(&b, " (escalated %d level(s))", f.EscalationLevel)
		}
		if f.SupervisorRequired {
			b.WriteString(", supervisor's decision required")
		}
		b.WriteString("\n")
	} else if f.AssignedRegion != "" {
		fmt.Fprintf(&b, "- overdue records escalated to %s\n", f.AssignedRegion)
	}
	if due := r.currentDue(); due != nil {
		fmt.Fprintf(&b, "- due: %s", localTime(*due))
		if f.Overdue {
			b.WriteString(" — **overdue**")
		}
		b.WriteString("\n")
	}
	if f.RecordsDue != nil {
		fmt.Fprintf(&b, "- records due: %s", f.RecordsDue)
		if f.RecordsDueProvisional {
			b.WriteString(" (provisional: no holiday data for that year yet)")
		}
		b.WriteString("\n")
	}
	if r.flags > 0 {
		fmt.Fprintf(&b, "- integrity flags: %d (see the filing in the API)\n", r.flags)
	}
	return b.String()
}

// localTime formats an instant in Asia/Shanghai for people.
func localTime(t time.Time) string {
	return t.In(calendar.Shanghai).Format("2006-01-02 15:04")
}

package workflows

import (
	"fmt"
	"strings"
	"time"

	"go.temporal.io/sdk/workflow"

	"github.com/liaoning-finance/cpe/store"
)

// publish shows the filing's state in the Temporal UI: the search
// attributes and the current details.
func (r *filingRun) publish(ctx workflow.Context) error {
	f := r.f
	return publish(ctx, searchState{kind: kindFiling, stage: f.Stage, region: f.Region, city: f.City,
		institution: fmt.Sprint(f.InstitutionID), year: f.Year, overdue: f.Overdue, escalationLevel: f.EscalationLevel,
		assignedRegion: f.AssignedRegion, dueAt: r.currentDue()}, r.details())
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
		writeHolder(&b, f.ReviewStep+" review,", r.review.Spec.Round, f.AssignedRegion, f.EscalationLevel)
		if f.SupervisorRequired {
			b.WriteString(", supervisor's decision required")
		}
		b.WriteString("\n")
	} else if f.AssignedRegion != "" {
		fmt.Fprintf(&b, "- overdue records escalated to %s\n", f.AssignedRegion)
	}
	if due := r.currentDue(); due != nil {
		writeDue(&b, "due", *due, f.Overdue)
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

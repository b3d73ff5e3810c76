package workflows

import (
	"fmt"
	"strings"
	"time"

	"go.temporal.io/sdk/workflow"

	"github.com/liaoning-finance/cpe/store"
)

// publish shows the claim's state in the Temporal UI: the search attributes
// and the current details. Neither names the person.
func (r *claimRun) publish(ctx workflow.Context) error {
	c := r.c
	return publish(ctx, searchState{kind: kindClaim, stage: c.Stage, region: c.Region, city: c.City, year: c.Year,
		overdue: c.Overdue, escalationLevel: c.EscalationLevel, assignedRegion: c.AssignedRegion, dueAt: r.currentDue()},
		r.details())
}

// currentDue is the deadline of the claim's stage, if it has one: the
// review's, or the correction window's while returned.
func (r *claimRun) currentDue() *time.Time {
	switch r.c.Stage {
	case store.ClaimStageReview:
		return r.c.ReviewDueAt
	case store.ClaimStageReturned:
		return r.c.CorrectionDueAt
	}
	return nil
}

// details is the current-details markdown: stage, credits, review and
// deadline.
func (r *claimRun) details() string {
	c := r.c
	var b strings.Builder
	fmt.Fprintf(&b, "**%s** · stage `%s`\n", r.label(), c.Stage)
	fmt.Fprintf(&b, "- claimed: %g professional, %g public credits\n", c.Claimed.Professional, c.Claimed.Public)
	if c.Approved != nil {
		fmt.Fprintf(&b, "- approved: %g professional, %g public credits\n", c.Approved.Professional, c.Approved.Public)
	}
	if c.Stage == store.ClaimStageReview && r.review != nil {
		writeHolder(&b, "review", r.review.Spec.Round, c.AssignedRegion, c.EscalationLevel)
		b.WriteString("\n")
	}
	if due := r.currentDue(); due != nil {
		what := "review due"
		if c.Stage == store.ClaimStageReturned {
			what = "amendment due"
		}
		writeDue(&b, what, *due, c.Overdue)
	}
	return b.String()
}

package workflows

import (
	"fmt"
	"strings"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/liaoning-finance/cpe/store"
)

// publish shows the claim's state in the Temporal UI: the search attributes
// and the current details. Neither names the person.
func (r *claimRun) publish(ctx workflow.Context) error {
	c := r.c
	updates := []temporal.SearchAttributeUpdate{
		KindKey.ValueSet(kindClaim), StageKey.ValueSet(c.Stage), RegionKey.ValueSet(c.Region),
		CityKey.ValueSet(c.City), YearKey.ValueSet(int64(c.Year)), OverdueKey.ValueSet(c.Overdue),
		EscalationLevelKey.ValueSet(int64(c.EscalationLevel)),
	}
	if c.AssignedRegion != "" {
		updates = append(updates, AssignedRegionKey.ValueSet(c.AssignedRegion))
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
		fmt.Fprintf(&b, "- review round %d, held by %s", r.review.Spec.Round, c.AssignedRegion)
		if c.EscalationLevel > 0 {
			fmt.Fprintf(&b, " (escalated %d level(s))", c.EscalationLevel)
		}
		b.WriteString("\n")
	}
	if due := r.currentDue(); due != nil {
		what := "review due"
		if c.Stage == store.ClaimStageReturned {
			what = "amendment due"
		}
		fmt.Fprintf(&b, "- %s: %s", what, localTime(*due))
		if c.Overdue {
			b.WriteString(" — **overdue**")
		}
		b.WriteString("\n")
	}
	return b.String()
}

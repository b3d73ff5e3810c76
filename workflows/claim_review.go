package workflows

import (
	"fmt"

	"go.temporal.io/sdk/workflow"

	"github.com/liaoning-finance/cpe/activities"
	"github.com/liaoning-finance/cpe/calendar"
	"github.com/liaoning-finance/cpe/store"
)

// label names the claim in notifications; it names no person.
func (r *claimRun) label() string {
	return fmt.Sprintf("学分申请 #%d（%s · %d）", r.c.ID, r.c.Kind, r.c.Year)
}

// reviewClaim runs the review of the claim at the person's department
// until a decision or a withdrawal.
func (r *claimRun) reviewClaim(ctx workflow.Context) error {
	rev, err := NewReview(ReviewSpec{SubjectKind: kindClaim, SubjectID: r.c.ID, Step: StepClaim, Label: r.label(),
		Region: r.c.Region, Round: r.c.Returns + 1, ReturnsLeft: r.rules.Review.MaxReturnRounds - r.c.Returns,
		Rules: r.rules.Review})
	if err != nil {
		return err
	}
	r.review, r.approved = rev, nil
	dec, err := rev.Run(ctx, r.persistReview, func() bool { return r.withdraw != nil })
	switch {
	case err != nil:
		return err
	case dec != nil:
		return r.decideClaim(ctx, dec)
	}
	return r.doWithdraw(ctx)
}

// persistReview writes the review's state (with any change waiting for the
// review to open) to the read model.
func (r *claimRun) persistReview(ctx workflow.Context) error {
	r.c.AssignedRegion, r.c.EscalationLevel, r.c.ReviewDueAt, r.c.Overdue = r.review.shown()
	item := r.review.Item(ClaimSummary(r.c))
	ch := r.onOpen
	r.onOpen = store.ClaimChange{}
	ch.Review = &item
	return r.persist(ctx, ch)
}

// closeReview clears the review from the claim after a decision or a stop
// and returns its closed inbox row.
func (r *claimRun) closeReview() *store.ReviewItem {
	r.c.AssignedRegion, r.c.EscalationLevel, r.c.ReviewDueAt, r.c.Overdue = "", 0, nil, false
	item := r.review.Item(ClaimSummary(r.c))
	return &item
}

// decideClaim applies the review's decision: an approval posts the credits
// (as claimed, or fewer) in the same change; a return opens the correction
// window.
func (r *claimRun) decideClaim(ctx workflow.Context, dec *Decision) error {
	item := r.closeReview()
	row := &store.ClaimDecision{Decision: dec.Decision, Reason: dec.Reason, Actor: dec.Actor,
		AssignedRegion: dec.AssignedRegion, EscalationLevel: dec.EscalationLevel, Round: dec.Round,
		RequestID: dec.RequestID, DecidedAt: dec.At}
	ch := store.ClaimChange{Review: item, Decision: row}
	switch dec.Decision {
	case DecisionApprove:
		granted := r.c.Claimed
		if r.approved != nil {
			granted = *r.approved
		}
		r.c.Stage, r.c.Approved, row.Approved, ch.PostCredits = store.ClaimStageApproved, &granted, &granted, true
	case DecisionReject:
		r.c.Stage = store.ClaimStageRejected
	case DecisionReturn:
		var sched activities.Schedule
		if err := workflow.ExecuteActivity(ctx, acts.Schedule, activities.ScheduleRequest{
			From: calendar.DateOf(workflow.Now(ctx)), WorkingDays: r.rules.Review.CorrectionWorkingDays,
		}).Get(ctx, &sched); err != nil {
			return err
		}
		due := sched.Due.At
		r.c.Stage, r.c.CorrectionDueAt = store.ClaimStageReturned, &due
		r.c.Returns++
	}
	r.acks = append(r.acks, dec.RequestID)
	return r.persist(ctx, ch)
}

// awaitAmendment waits for the applicant's amendment or withdrawal until
// the correction deadline, after which the claim is abandoned.
func (r *claimRun) awaitAmendment(ctx workflow.Context) error {
	timers, cancel := workflow.WithCancel(ctx)
	defer cancel()
	var expired bool
	startDeadlineTimer(timers, *r.c.CorrectionDueAt, "claim correction deadline", &expired)
	if err := workflow.Await(ctx, func() bool { return r.amend != nil || r.withdraw != nil || expired }); err != nil {
		return err
	}
	switch {
	case r.amend != nil:
		return r.applyAmend(ctx)
	case r.withdraw != nil:
		return r.doWithdraw(ctx)
	}
	return r.abandon(ctx)
}

// applyAmend takes the amended content; the next review writes it with the
// audit line when it opens, and answers the Update then.
func (r *claimRun) applyAmend(ctx workflow.Context) error {
	req := take(&r.subject, &r.amend)
	policyChanged := req.PolicyYear != r.c.PolicyYear
	r.c.Year, r.c.PolicyYear, r.c.ClaimDetails, r.c.Claimed = req.Year, req.PolicyYear, req.Details, req.Claimed
	r.c.Stage, r.c.CorrectionDueAt = store.ClaimStageReview, nil
	audit := r.audit(req.Actor, "claim.amend", map[string]any{"year": req.Year, "details": req.Details,
		"claimed_credits": req.Claimed, "round": r.c.Returns + 1})
	r.onOpen = store.ClaimChange{Audit: &audit}
	if policyChanged {
		return r.loadRules(ctx)
	}
	return nil
}

// doWithdraw ends the claim as withdrawn by the applicant.
func (r *claimRun) doWithdraw(ctx workflow.Context) error {
	w := take(&r.subject, &r.withdraw)
	var item *store.ReviewItem
	if r.c.Stage == store.ClaimStageReview {
		item = r.closeReview()
	}
	r.c.Stage, r.c.CorrectionDueAt = store.ClaimStageWithdrawn, nil
	audit := r.audit(w.Actor, "claim.withdraw", map[string]any{"reason": w.Reason})
	return r.persist(ctx, store.ClaimChange{Review: item, Audit: &audit})
}

// abandon ends a returned claim that was not amended in time.
func (r *claimRun) abandon(ctx workflow.Context) error {
	audit := r.audit(store.SystemActor, "claim.abandon", map[string]any{"correction_due_at": r.c.CorrectionDueAt})
	r.c.Stage = store.ClaimStageAbandoned
	return r.persist(ctx, store.ClaimChange{Audit: &audit})
}

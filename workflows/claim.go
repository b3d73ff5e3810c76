package workflows

import (
	"go.temporal.io/sdk/workflow"

	"github.com/liaoning-finance/cpe/activities"
	"github.com/liaoning-finance/cpe/store"
)

// ClaimWorkflow runs one credit claim of a person (DESIGN.md §4): the
// review by the finance department of the person's region on the shared
// review step (deadline, reminder, escalations), then approval (credits
// posted to the ledger once), rejection, or return for amendment within
// the policy's correction window, after which an unamended claim is
// abandoned; the applicant may withdraw it until its final decision. It
// returns the final stage.
//
// Every change is written to the read model in PostgreSQL by an activity
// before the Update that caused it returns, and shown in the search
// attributes and current details.
func ClaimWorkflow(ctx workflow.Context, in ClaimInput) (string, error) {
	ctx = withActivityOptions(ctx)
	r := newClaimRun(in)
	if err := r.register(ctx); err != nil {
		return "", err
	}
	if err := workflow.ExecuteActivity(ctx, acts.CreateClaim,
		activities.CreateClaimInput{Claim: r.c, Actor: in.Submitter}).Get(ctx, nil); err != nil {
		return "", err
	}
	if err := r.loadRules(ctx); err != nil {
		return "", err
	}
	for r.c.Open() {
		var err error
		if r.c.Stage == store.ClaimStageReview {
			err = r.reviewClaim(ctx)
		} else {
			err = r.awaitAmendment(ctx)
		}
		if err != nil {
			return "", err
		}
	}
	r.refusePending(pendingID(r.withdraw), pendingID(r.amend))
	if err := workflow.Await(ctx, func() bool { return workflow.AllHandlersFinished(ctx) }); err != nil {
		return "", err
	}
	return r.c.Stage, nil
}

// claimRun is the state of one ClaimWorkflow run.
type claimRun struct {
	subject
	// c is the read model as the workflow sees it; every change goes
	// through persist.
	c     store.Claim
	rules activities.Rules
	// approved are the credits of the accepted approval (nil: as claimed).
	approved *store.ClaimCredits

	// Accepted Updates waiting for the main loop.
	withdraw *pending[ClaimWithdrawRequest]
	amend    *pending[ClaimAmendRequest]
	// onOpen is merged into the change that opens the next review.
	onOpen store.ClaimChange
}

func newClaimRun(in ClaimInput) *claimRun {
	c := in.Claim
	c.Stage, c.AssignedRegion, c.WorkflowID, c.Seq = store.ClaimStageReview, c.Region, store.ClaimWorkflowID(c.ID), 0
	c.Approved, c.Decisions = nil, nil
	r := &claimRun{c: c}
	r.subject = newSubject(kindClaim, c.ID, func() string { return r.c.Stage }, r.reviewStep)
	return r
}

// loadRules reads the review rules of the claim's policy year.
func (r *claimRun) loadRules(ctx workflow.Context) error {
	return workflow.ExecuteActivity(ctx, acts.Rules, r.c.PolicyYear).Get(ctx, &r.rules)
}

// persist writes the current state with ch in one activity, then shows it
// in the UI and answers the Updates waiting for it.
func (r *claimRun) persist(ctx workflow.Context, ch store.ClaimChange) error {
	r.c.Seq++
	ch.Claim = r.c
	if err := workflow.ExecuteActivity(ctx, acts.ApplyClaimChange, ch).Get(ctx, nil); err != nil {
		return err
	}
	if err := r.publish(ctx); err != nil {
		return err
	}
	r.answer(r.c.Seq)
	return nil
}

package workflows

import (
	"math"
	"strings"
	"unicode/utf8"

	"go.temporal.io/sdk/workflow"

	"github.com/liaoning-finance/cpe/store"
)

// Rules named by refusals of claim Updates.
const (
	// RuleApprovedCredits: an approval grants more credits than claimed.
	RuleApprovedCredits = "claim.approved_credits"
	// RuleProofRequired: a claim without any proof file cannot be approved.
	RuleProofRequired = "proof.required"
)

// register installs the claim's Update handlers with their validators.
func (r *claimRun) register(ctx workflow.Context) error {
	handlers := []struct {
		name, description  string
		handler, validator any
	}{
		{DecideUpdate, "approve (possibly fewer credits), reject or return the claim", r.decide, r.validateDecision},
		{AmendUpdate, "resubmit a returned claim", r.amendClaim, r.validateAmend},
		{WithdrawUpdate, "withdraw the claim before its final decision", r.withdrawClaim, r.validateWithdraw},
	}
	for _, h := range handlers {
		if err := workflow.SetUpdateHandlerWithOptions(ctx, h.name, h.handler, workflow.UpdateHandlerOptions{
			Validator: h.validator, Description: h.description,
		}); err != nil {
			return err
		}
	}
	return nil
}

// wait blocks the current Update until the main loop answered it.
func (r *claimRun) wait(ctx workflow.Context) (ClaimUpdateResult, error) {
	id := workflow.GetCurrentUpdateInfo(ctx).ID
	if err := workflow.Await(ctx, func() bool { _, ok := r.outcomes[id]; return ok }); err != nil {
		return ClaimUpdateResult{}, err
	}
	o := r.outcomes[id]
	return o.result, o.err
}

// reviewOpening reports whether the claim is in review but its review has
// not opened yet (the workflow is computing its deadline).
func (r *claimRun) reviewOpening() bool {
	return r.c.Stage == store.ClaimStageReview && (r.review == nil || !r.review.Open) && r.withdraw == nil
}

// validateDecision lets a decision through while the review is opening:
// the handler checks it in full once it opened.
func (r *claimRun) validateDecision(_ workflow.Context, req ClaimDecisionRequest) error {
	if r.reviewOpening() {
		return nil
	}
	return r.checkDecision(req)
}

// checkDecision says whether req may take effect on the open review now.
func (r *claimRun) checkDecision(req ClaimDecisionRequest) error {
	if r.c.Stage != store.ClaimStageReview || r.review == nil {
		return conflict("the claim is at stage %s: no review is open", r.c.Stage)
	}
	if err := r.review.Check(req.DecisionRequest); err != nil {
		return err
	}
	if r.withdraw != nil {
		return conflict("the claim is being withdrawn")
	}
	if req.Credits != nil {
		if err := r.checkCredits(req); err != nil {
			return err
		}
	}
	if req.Decision == DecisionApprove && req.Proofs < 1 {
		return ruleViolation(RuleProofRequired, "the claim has no proof file: approve it once the applicant uploaded one, or return it asking for the proof")
	}
	return nil
}

// checkCredits checks the credits of an approval: only an approval takes
// them; each category at most what was claimed, in hundredths, and some
// credits in all; fewer than claimed needs a reason.
func (r *claimRun) checkCredits(req ClaimDecisionRequest) error {
	got, claimed := *req.Credits, r.c.Claimed
	switch {
	case req.Decision != DecisionApprove:
		return invalid("credits", "only an approval grants credits")
	case !hundredths(got.Professional) || !hundredths(got.Public):
		return invalid("credits", "want credits of at least 0 with at most two decimals")
	case got.Professional > claimed.Professional || got.Public > claimed.Public:
		return ruleViolation(RuleApprovedCredits, "an approval grants at most the credits claimed (professional %g, public %g)",
			claimed.Professional, claimed.Public)
	case got.Total() == 0:
		return invalid("credits", "an approval grants some credits; reject the claim instead")
	case got != claimed && strings.TrimSpace(req.Reason) == "":
		return invalid("reason", "required to approve fewer credits than claimed")
	}
	return nil
}

// hundredths reports whether x is a finite, non-negative amount with at
// most two decimals.
func hundredths(x float64) bool {
	return x >= 0 && !math.IsInf(x, 0) && math.Abs(x*100-math.Round(x*100)) < 1e-6
}

// decide waits for the review to open when it is opening, then takes the
// decision if it may take effect.
func (r *claimRun) decide(ctx workflow.Context, req ClaimDecisionRequest) (ClaimUpdateResult, error) {
	if err := workflow.Await(ctx, func() bool { return !r.reviewOpening() }); err != nil {
		return ClaimUpdateResult{}, err
	}
	if err := r.checkDecision(req); err != nil {
		return ClaimUpdateResult{}, err
	}
	r.approved = req.Credits
	r.review.Accept(ctx, req.DecisionRequest)
	return r.wait(ctx)
}

// checkApplicant lets through only the accountant whose claim it is.
func (r *claimRun) checkApplicant(a store.Actor, personID int64) error {
	if a.Role != roleApplicant || personID != r.c.PersonID {
		return forbidden("only the applicant may change the claim")
	}
	return nil
}

func (r *claimRun) validateWithdraw(_ workflow.Context, req ClaimWithdrawRequest) error {
	if err := r.checkApplicant(req.Actor, req.PersonID); err != nil {
		return err
	}
	switch {
	case !r.c.Open():
		return conflict("a claim at stage %s cannot be withdrawn", r.c.Stage)
	case r.withdraw != nil:
		return conflict("the claim is being withdrawn already")
	case r.review != nil && r.review.Decided() != nil && r.c.Stage == store.ClaimStageReview:
		return conflict("a decision (%s) already took effect", r.review.Decided().Decision)
	case r.amend != nil:
		return conflict("the claim is being amended")
	case utf8.RuneCountInString(req.Reason) > maxReasonLength:
		return invalid("reason", "at most %d characters", maxReasonLength)
	}
	return nil
}

func (r *claimRun) withdrawClaim(ctx workflow.Context, req ClaimWithdrawRequest) (ClaimUpdateResult, error) {
	if err := r.validateWithdraw(ctx, req); err != nil {
		return ClaimUpdateResult{}, err
	}
	r.withdraw = &pending[ClaimWithdrawRequest]{id: workflow.GetCurrentUpdateInfo(ctx).ID, req: req}
	return r.wait(ctx)
}

func (r *claimRun) validateAmend(_ workflow.Context, req ClaimAmendRequest) error {
	if err := r.checkApplicant(req.Actor, req.PersonID); err != nil {
		return err
	}
	switch {
	case r.c.Stage != store.ClaimStageReturned || r.amend != nil || r.withdraw != nil:
		return conflict("only a returned claim can be amended; this one is at stage %s", r.c.Stage)
	case !(req.Claimed.Total() > 0) || !hundredths(req.Claimed.Professional) || !hundredths(req.Claimed.Public):
		return invalid("claimed_credits", "want credits of at least 0 with at most two decimals, some in all")
	case req.Year <= 0 || req.PolicyYear <= 0:
		return invalid("year", "required")
	}
	return nil
}

func (r *claimRun) amendClaim(ctx workflow.Context, req ClaimAmendRequest) (ClaimUpdateResult, error) {
	if err := r.validateAmend(ctx, req); err != nil {
		return ClaimUpdateResult{}, err
	}
	r.amend = &pending[ClaimAmendRequest]{id: workflow.GetCurrentUpdateInfo(ctx).ID, req: req}
	return r.wait(ctx)
}

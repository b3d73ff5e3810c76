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
	return setUpdateHandlers(ctx,
		updateHandler{DecideUpdate, "approve (possibly fewer credits), reject or return the claim", r.decide, r.validateDecision},
		queued(&r.subject, AmendUpdate, "resubmit a returned claim", &r.amend, r.validateAmend),
		queued(&r.subject, WithdrawUpdate, "withdraw the claim before its final decision", &r.withdraw, r.validateWithdraw),
	)
}

// reviewStep is the review step and round of the claim's stage, or ""
// when it is not in review or is being withdrawn.
func (r *claimRun) reviewStep() (string, int) {
	if r.c.Stage != store.ClaimStageReview || r.withdraw != nil {
		return "", 0
	}
	return StepClaim, r.c.Returns + 1
}

// validateDecision checks a decision as the review step does (see
// subject.validateDecision), then the claim's own rules.
func (r *claimRun) validateDecision(_ workflow.Context, req ClaimDecisionRequest) error {
	if err := r.subject.validateDecision(req.DecisionRequest); err != nil {
		return err
	}
	return r.checkClaimRules(req)
}

// decide takes a decision once the review is open: a decision sent while
// it opens waits for it.
func (r *claimRun) decide(ctx workflow.Context, req ClaimDecisionRequest) (UpdateResult, error) {
	rev, err := r.awaitReview(ctx, req.DecisionRequest)
	if err == nil {
		err = r.checkClaimRules(req)
	}
	if err != nil {
		return UpdateResult{}, err
	}
	r.approved = req.Credits
	rev.Accept(ctx, req.DecisionRequest)
	return r.wait(ctx)
}

// checkClaimRules checks the credits of a decision and that an approved
// claim has a proof.
func (r *claimRun) checkClaimRules(req ClaimDecisionRequest) error {
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

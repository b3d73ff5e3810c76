package workflows

import (
	"strings"
	"unicode/utf8"

	"github.com/liaoning-finance/cpe/codes"
	"github.com/liaoning-finance/cpe/store"
)

// Roles that act on workflows, as the API names them.
const (
	RoleInstitution = "institution"
	RoleReviewer    = "reviewer"
	RoleSupervisor  = "supervisor"
)

// maxReasonLength caps a decision's reason, in characters.
const maxReasonLength = 2000

// Check says whether req may take effect on the review now, in the order a
// caller needs to learn it: the actor's scope at the review's current level
// (ErrForbidden), the step and an earlier decision (ErrConflict), the input
// (ErrInvalid) and the return limit (ErrRuleViolation). It changes nothing,
// so a validator may call it.
func (r *Review) Check(req DecisionRequest) error {
	if err := r.checkActor(req.Actor); err != nil {
		return err
	}
	switch {
	case req.Step != r.Spec.Step:
		return conflict("the %s is at the %s review, not the %q review", r.Spec.SubjectKind, r.Spec.Step, req.Step)
	case r.decision != nil:
		return conflict("a decision (%s) already took effect on the %s review", r.decision.Decision, r.Spec.Step)
	case !r.Open:
		return conflict("the %s review is not open", r.Spec.Step)
	}
	return checkInput(req, r.Spec.ReturnsLeft)
}

// checkInput checks the decision and its reason, and that a return is
// still allowed when returnsLeft more returns are.
func checkInput(req DecisionRequest, returnsLeft int) error {
	reason := strings.TrimSpace(req.Reason)
	switch req.Decision {
	case DecisionApprove:
	case DecisionReject, DecisionReturn:
		if reason == "" {
			return invalid("reason", "required to %s", req.Decision)
		}
	default:
		return invalid("decision", `want "approve", "reject" or "return", got %q`, req.Decision)
	}
	if utf8.RuneCountInString(reason) > maxReasonLength {
		return invalid("reason", "at most %d characters", maxReasonLength)
	}
	if req.Decision == DecisionReturn && returnsLeft <= 0 {
		return ruleViolation(RuleMaxReturnRounds, "the %s review was returned the policy's maximum number of times: approve or reject it", req.Step)
	}
	return nil
}

// checkActor lets through a reviewer of the department holding the review
// and a supervisor whose region covers it; only a supervisor when the
// review is SupervisorOnly.
func (r *Review) checkActor(a store.Actor) error {
	switch a.Role {
	case RoleReviewer, RoleSupervisor:
	default:
		return forbidden("only a reviewer or supervisor may decide a review, not a %s", a.Role)
	}
	region, err := codes.ParseRegion(a.Region)
	if err != nil {
		return forbidden("the account's region is not valid: %v", err)
	}
	switch {
	case a.Role == RoleSupervisor && region.Covers(r.Assigned):
		return nil
	case a.Role == RoleSupervisor:
		return forbidden("the review is held by %s (%s), outside the supervisor's region %s",
			r.Assigned.Code, r.Assigned.Name(), region.Code)
	case r.Spec.SupervisorOnly:
		return forbidden("the records came in late: only a supervisor covering %s (%s) may decide",
			r.Assigned.Code, r.Assigned.Name())
	case region != r.Assigned:
		return forbidden("the review is held by %s (%s), not by the reviewer's department %s",
			r.Assigned.Code, r.Assigned.Name(), region.Code)
	}
	return nil
}

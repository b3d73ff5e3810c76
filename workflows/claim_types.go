package workflows

import (
	"fmt"

	"go.temporal.io/sdk/client"

	"github.com/liaoning-finance/cpe/store"
)

// StepClaim is the review step of a claim, and its review_items step.
const StepClaim = "claim"

// kindClaim is the CpeKind and subject kind of claims.
const kindClaim = "claim"

// roleApplicant is the API role of the accountant who files a claim.
const roleApplicant = "accountant"

// ClaimInput starts a ClaimWorkflow. A ClaimWorkflow takes the Updates
// DecideUpdate (ClaimDecisionRequest), AmendUpdate (ClaimAmendRequest) and
// WithdrawUpdate (ClaimWithdrawRequest); each returns an UpdateResult.
type ClaimInput struct {
	// Claim is the claim as submitted: id, person, region, city, kind,
	// year, policy year, details and claimed credits.
	Claim store.Claim `json:"claim"`
	// Submitter is the accountant account that filed it.
	Submitter store.Actor `json:"submitter"`
}

// ClaimDecisionRequest is a review decision on a claim (Step StepClaim).
// An approval grants Credits, or the claimed credits when Credits is nil;
// fewer than claimed needs a reason, more is refused.
type ClaimDecisionRequest struct {
	DecisionRequest
	Credits *store.ClaimCredits `json:"credits,omitempty"`
	// Proofs is the number of proof files the claim has, as the API read
	// it; an approval needs at least one. Proofs are never deleted, so the
	// count cannot drop before the decision takes effect.
	Proofs int `json:"proofs"`
}

// ClaimAmendRequest carries a returned claim's corrected content; the API
// validated it against the policy and computed the credits.
type ClaimAmendRequest struct {
	Actor store.Actor `json:"actor"`
	// PersonID is the applicant's person, from the API's token.
	PersonID   int64              `json:"person_id"`
	Year       int                `json:"year"`
	PolicyYear int                `json:"policy_year"`
	Details    store.ClaimDetails `json:"details"`
	Claimed    store.ClaimCredits `json:"claimed_credits"`
}

// ClaimWithdrawRequest withdraws a claim before its final decision.
type ClaimWithdrawRequest struct {
	Actor store.Actor `json:"actor"`
	// PersonID is the applicant's person, from the API's token.
	PersonID int64  `json:"person_id"`
	Reason   string `json:"reason"`
}

// ClaimSummary is the static summary the Temporal UI shows for a claim:
// "学分申请 · <kind> · <year>". It names no person.
func ClaimSummary(c store.Claim) string {
	return fmt.Sprintf("学分申请 · %s · %d", c.Kind, c.Year)
}

// ClaimStartOptions are the options to start the workflow of c on
// taskQueue: its id, the summary and the search attributes known at once.
// A second start of the same claim finds the running workflow, and a claim
// whose workflow finished is never started again.
func ClaimStartOptions(c store.Claim, taskQueue string) client.StartWorkflowOptions {
	return startOptions(store.ClaimWorkflowID(c.ID), taskQueue, ClaimSummary(c),
		KindKey.ValueSet(kindClaim), StageKey.ValueSet(store.ClaimStageReview),
		RegionKey.ValueSet(c.Region), CityKey.ValueSet(c.City), AssignedRegionKey.ValueSet(c.Region),
		YearKey.ValueSet(int64(c.Year)), OverdueKey.ValueSet(false), EscalationLevelKey.ValueSet(0))
}

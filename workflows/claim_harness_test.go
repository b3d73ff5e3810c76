package workflows

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"

	"github.com/liaoning-finance/cpe/activities"
	"github.com/liaoning-finance/cpe/calendar"
	"github.com/liaoning-finance/cpe/store"
)

// Applicants of the claim tests: the accountant (person 5) and another one.
var (
	applicant      = store.Actor{AccountID: 40, Role: roleApplicant}
	otherApplicant = store.Actor{AccountID: 41, Role: roleApplicant}
)

const (
	applicantPerson = 5
	otherPerson     = 6
)

// claimHarness runs one ClaimWorkflow.
type claimHarness struct {
	*testRun[store.Claim, store.ClaimChange]
}

// newClaimHarness prepares the claim c of the applicant (person 5, region
// 210102 unless given), submitted at submitted.
func newClaimHarness(t *testing.T, submitted time.Time, c store.Claim) *claimHarness {
	c.ID, c.PersonID = 77, applicantPerson
	if c.Region == "" {
		c.Region = "210102"
	}
	c.City = cityOf(c.Region)
	if c.PolicyYear == 0 {
		c.PolicyYear = c.Year
	}
	in := ClaimInput{Claim: c, Submitter: applicant}
	h := &claimHarness{newTestRun[store.Claim, store.ClaimChange](t, submitted, ClaimWorkflow, in)}
	h.env.OnActivity(acts.CreateClaim, mock.Anything, mock.Anything).Return(
		func(context.Context, activities.CreateClaimInput) error { h.db.create(); return nil })
	h.env.OnActivity(acts.ApplyClaimChange, mock.Anything, mock.Anything).Return(
		func(_ context.Context, ch store.ClaimChange) error {
			h.db.write(ch.Claim.Seq, ch.Claim, ch)
			return nil
		})
	return h
}

// claimDate parses a YYYY-MM-DD date of a test.
func claimDate(s string) *calendar.Date {
	d, err := calendar.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return &d
}

// Claims of each kind as the API hands them over.
func examClaim() store.Claim {
	return store.Claim{Kind: store.ClaimOther, Year: 2025, ClaimDetails: store.ClaimDetails{Form: "exam",
		Title: "中级会计职称《财务管理》", Date: claimDate("2025-05-20")}, Claimed: store.ClaimCredits{Professional: 90}}
}

func faceToFaceClaim() store.Claim {
	return store.Claim{Kind: store.ClaimFaceToFace, Year: 2025, ClaimDetails: store.ClaimDetails{Organiser: "中国会计学会",
		StartDate: claimDate("2025-05-12"), EndDate: claimDate("2025-05-13"), Hours: 16, Category: "professional"},
		Claimed: store.ClaimCredits{Professional: 16}}
}

func cadreClaim() store.Claim {
	return store.Claim{Kind: store.ClaimPublicCadre, Year: 2025, ClaimDetails: store.ClaimDetails{Hours: 52},
		Claimed: store.ClaimCredits{Public: 30}}
}

func makeupClaim() store.Claim {
	return store.Claim{Kind: store.ClaimMakeup, Year: 2023, PolicyYear: 2025, ClaimDetails: store.ClaimDetails{
		Channel: "online", CompletedOn: claimDate("2025-05-06")}, Claimed: store.ClaimCredits{Professional: 60, Public: 30}}
}

// decide sends a decision at when; credits nil approves what was claimed.
func (h *claimHarness) decide(when time.Time, id string, actor store.Actor, decision, reason string, credits *store.ClaimCredits) *updateOutcome {
	return h.update(when, DecideUpdate, id, ClaimDecisionRequest{DecisionRequest: DecisionRequest{Step: StepClaim,
		Decision: decision, Reason: reason, Actor: actor}, Credits: credits, Proofs: 1})
}

// withdraw sends the applicant's withdrawal at when.
func (h *claimHarness) withdraw(when time.Time, id string, actor store.Actor, person int64) *updateOutcome {
	return h.update(when, WithdrawUpdate, id, ClaimWithdrawRequest{Actor: actor, PersonID: person, Reason: "重复申请"})
}

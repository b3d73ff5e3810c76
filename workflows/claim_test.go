package workflows

import (
	"strings"
	"testing"
	"time"

	"github.com/liaoning-finance/cpe/store"
)

// The done-when case: an exam subject passed, approved by the county
// reviewer; 90 professional credits are posted once, in the claim's year.
func TestClaimOtherExamApproved(t *testing.T) {
	h := newClaimHarness(t, at("2025-06-02 10:00"), examClaim())
	h.check(at("2025-06-02 10:01"), func(c store.Claim) {
		if c.Stage != store.ClaimStageReview || c.AssignedRegion != "210102" || c.EscalationLevel != 0 || c.Overdue {
			t.Errorf("after submission: %s at %s level %d overdue %v", c.Stage, c.AssignedRegion, c.EscalationLevel, c.Overdue)
		}
		if got := c.ReviewDueAt.In(shanghaiClock).Format("2006-01-02 15:04:05"); got != "2025-06-09 23:59:59" {
			t.Errorf("review due %s, want 2025-06-09 23:59:59", got)
		}
		ch := h.db.lastChange()
		if ch.Review == nil || !ch.Review.Open || ch.Review.SubjectKind != "claim" || ch.Review.Step != StepClaim ||
			ch.Review.Title != "学分申请 · other · 2025" || ch.Review.AssignedRegion != "210102" {
			t.Errorf("inbox row: %+v", ch.Review)
		}
	})
	wrongStep := h.update(at("2025-06-03 09:00"), DecideUpdate, "step", ClaimDecisionRequest{
		DecisionRequest: DecisionRequest{Step: StepRecords, Decision: DecisionApprove, Actor: countyRev}})
	noProof := h.update(at("2025-06-03 09:00"), DecideUpdate, "no-proof", ClaimDecisionRequest{
		DecisionRequest: DecisionRequest{Step: StepClaim, Decision: DecisionApprove, Actor: countyRev}})
	applicantDecides := h.decide(at("2025-06-03 09:01"), "self", applicant, DecisionApprove, "", nil)
	otherCity := h.decide(at("2025-06-03 09:02"), "other", otherCityRev, DecisionApprove, "", nil)
	approve := h.decide(at("2025-06-03 10:00"), "approve-1", countyRev, DecisionApprove, "", nil)
	if got := h.run(); got != store.ClaimStageApproved {
		t.Fatalf("final stage %s", got)
	}
	wantRefused(t, "wrong step", wrongStep, ErrConflict)
	wantRefused(t, "approval without proof", noProof, ErrRuleViolation)
	wantRefused(t, "applicant deciding", applicantDecides, ErrForbidden)
	wantRefused(t, "reviewer of another city", otherCity, ErrForbidden)
	wantOK(t, "approve", approve)
	if res, ok := approve.result.(UpdateResult); !ok || res.Stage != store.ClaimStageApproved {
		t.Errorf("approve result %+v", approve.result)
	}
	last := h.db.lastChange()
	c := last.Claim
	if !last.PostCredits || c.Approved == nil || *c.Approved != (store.ClaimCredits{Professional: 90}) || c.Year != 2025 {
		t.Errorf("approval change: post %v approved %+v year %d", last.PostCredits, c.Approved, c.Year)
	}
	if d := last.Decision; d == nil || d.Decision != DecisionApprove || d.RequestID != "approve-1" || d.Actor != countyRev ||
		d.Approved == nil || d.Approved.Professional != 90 {
		t.Errorf("decision row: %+v", d)
	}
	if last.Review == nil || last.Review.Open {
		t.Errorf("the inbox row stays open: %+v", last.Review)
	}
	if h.db.created != 1 {
		t.Errorf("CreateClaim ran %d times", h.db.created)
	}
}

// A reviewer approves fewer face-to-face credits than claimed, which needs
// a reason; more than claimed, or credits on a rejection, are refused.
func TestClaimFaceToFaceApprovedFewer(t *testing.T) {
	h := newClaimHarness(t, at("2025-06-02 10:00"), faceToFaceClaim())
	more := h.decide(at("2025-06-03 09:00"), "more", countyRev, DecisionApprove, "", &store.ClaimCredits{Professional: 20})
	public := h.decide(at("2025-06-03 09:01"), "public", countyRev, DecisionApprove, "", &store.ClaimCredits{Professional: 10, Public: 6})
	noReason := h.decide(at("2025-06-03 09:02"), "no-reason", countyRev, DecisionApprove, " ", &store.ClaimCredits{Professional: 12})
	zero := h.decide(at("2025-06-03 09:03"), "zero", countyRev, DecisionApprove, "无", &store.ClaimCredits{})
	decimals := h.decide(at("2025-06-03 09:04"), "decimals", countyRev, DecisionApprove, "x", &store.ClaimCredits{Professional: 1.234})
	rejectCredits := h.decide(at("2025-06-03 09:05"), "reject-credits", countyRev, DecisionReject, "x", &store.ClaimCredits{Professional: 1})
	fewer := h.decide(at("2025-06-03 10:00"), "fewer", countyRev, DecisionApprove, "第二天仅半天课程", &store.ClaimCredits{Professional: 12})
	if got := h.run(); got != store.ClaimStageApproved {
		t.Fatalf("final stage %s", got)
	}
	wantRefused(t, "more than claimed", more, ErrRuleViolation)
	wantRefused(t, "a category not claimed", public, ErrRuleViolation)
	wantRefused(t, "fewer without reason", noReason, ErrInvalid)
	wantRefused(t, "zero credits", zero, ErrInvalid)
	wantRefused(t, "three decimals", decimals, ErrInvalid)
	wantRefused(t, "credits on a rejection", rejectCredits, ErrInvalid)
	wantOK(t, "approve fewer", fewer)
	last := h.db.lastChange()
	if c := last.Claim; c.Approved == nil || *c.Approved != (store.ClaimCredits{Professional: 12}) || c.Claimed.Professional != 16 {
		t.Errorf("approved %+v of claimed %+v", c.Approved, c.Claimed)
	}
	if d := last.Decision; d.Reason != "第二天仅半天课程" || d.Approved.Professional != 12 {
		t.Errorf("decision row: %+v", d)
	}
}

// A public_cadre claim rejected with a reason; nothing is posted.
func TestClaimPublicCadreRejected(t *testing.T) {
	h := newClaimHarness(t, at("2025-06-02 10:00"), cadreClaim())
	noReason := h.decide(at("2025-06-03 09:00"), "r0", countyRev, DecisionReject, "", nil)
	reject := h.decide(at("2025-06-03 10:00"), "r1", citySup, DecisionReject, "统计表与学习档案不符", nil)
	again := h.decide(at("2025-06-03 10:00"), "r2", countyRev, DecisionApprove, "", nil)
	if got := h.run(); got != store.ClaimStageRejected {
		t.Fatalf("final stage %s", got)
	}
	wantRefused(t, "reject without reason", noReason, ErrInvalid)
	wantOK(t, "supervisor rejects", reject)
	if again.accepted {
		t.Error("a second decision was accepted")
	}
	last := h.db.lastChange()
	if last.PostCredits || last.Claim.Approved != nil || last.Decision.Decision != DecisionReject {
		t.Errorf("rejection change: %+v", last)
	}
}

// A make-up claim of 2023 (policy of 2025) returned, amended by the
// applicant within the window and approved in a second round; the credits
// of both categories are posted to 2023.
func TestClaimMakeupReturnAmendApprove(t *testing.T) {
	h := newClaimHarness(t, at("2025-06-02 10:00"), makeupClaim())
	ret := h.decide(at("2025-06-03 10:00"), "return-1", countyRev, DecisionReturn, "请上传学习证明", nil)
	h.check(at("2025-06-03 10:01"), func(c store.Claim) {
		if c.Stage != store.ClaimStageReturned || c.Returns != 1 || c.AssignedRegion != "" || c.ReviewDueAt != nil {
			t.Errorf("after return: %+v", c)
		}
		if got := c.CorrectionDueAt.In(shanghaiClock).Format("2006-01-02 15:04:05"); got != "2025-06-17 23:59:59" {
			t.Errorf("amendment due %s, want 2025-06-17 23:59:59", got)
		}
	})
	decideReturned := h.decide(at("2025-06-04 09:00"), "d-returned", countyRev, DecisionApprove, "", nil)
	foreign := h.update(at("2025-06-04 09:30"), AmendUpdate, "amend-x", ClaimAmendRequest{Actor: otherApplicant,
		PersonID: otherPerson, Year: 2023, PolicyYear: 2025, Claimed: store.ClaimCredits{Professional: 1}})
	amend := h.update(at("2025-06-04 10:00"), AmendUpdate, "amend-1", ClaimAmendRequest{Actor: applicant,
		PersonID: applicantPerson, Year: 2023, PolicyYear: 2025, Details: store.ClaimDetails{Channel: "face_to_face",
			CompletedOn: claimDate("2025-05-06")}, Claimed: store.ClaimCredits{Professional: 60, Public: 24}})
	h.check(at("2025-06-04 10:01"), func(c store.Claim) {
		ch := h.db.lastChange()
		if c.Stage != store.ClaimStageReview || c.Channel != "face_to_face" || c.Claimed.Public != 24 ||
			c.CorrectionDueAt != nil || ch.Audit == nil || ch.Audit.Action != "claim.amend" || ch.Review == nil || !ch.Review.Open {
			t.Errorf("after amendment: %+v / change %+v", c, ch)
		}
		if got := c.ReviewDueAt.In(shanghaiClock).Format("2006-01-02"); got != "2025-06-11" {
			t.Errorf("second review due %s, want 2025-06-11", got)
		}
	})
	amendAgain := h.update(at("2025-06-04 11:00"), AmendUpdate, "amend-2", ClaimAmendRequest{Actor: applicant,
		PersonID: applicantPerson, Year: 2023, PolicyYear: 2025, Claimed: store.ClaimCredits{Professional: 1}})
	approve := h.decide(at("2025-06-05 10:00"), "approve-1", countyRev, DecisionApprove, "", nil)
	if got := h.run(); got != store.ClaimStageApproved {
		t.Fatalf("final stage %s", got)
	}
	wantOK(t, "return", ret)
	wantRefused(t, "decision while returned", decideReturned, ErrConflict)
	wantRefused(t, "amendment by another person", foreign, ErrForbidden)
	wantOK(t, "amend", amend)
	wantRefused(t, "amendment during review", amendAgain, ErrConflict)
	wantOK(t, "approve", approve)
	last := h.db.lastChange()
	if c := last.Claim; c.Year != 2023 || *c.Approved != (store.ClaimCredits{Professional: 60, Public: 24}) || !last.PostCredits {
		t.Errorf("approval: year %d approved %+v post %v", c.Year, c.Approved, last.PostCredits)
	}
	if d := last.Decision; d.Round != 2 {
		t.Errorf("decision round %d, want 2", d.Round)
	}
}

// A returned claim not amended by the end of its correction window (10
// working days) is abandoned by the timer.
func TestClaimReturnedAbandoned(t *testing.T) {
	h := newClaimHarness(t, at("2025-06-02 10:00"), faceToFaceClaim())
	h.decide(at("2025-06-03 10:00"), "return-1", countyRev, DecisionReturn, "请补充签到表", nil)
	h.check(at("2025-06-17 23:59"), func(c store.Claim) {
		if c.Stage != store.ClaimStageReturned {
			t.Errorf("abandoned before the deadline: %s", c.Stage)
		}
	})
	if got := h.run(); got != store.ClaimStageAbandoned {
		t.Fatalf("final stage %s", got)
	}
	last := h.db.lastChange()
	if last.Audit == nil || last.Audit.Action != "claim.abandon" || last.Audit.Role != "system" || last.PostCredits {
		t.Errorf("abandon change: %+v", last)
	}
	if now := h.env.Now(); now.Before(at("2025-06-17 23:59")) {
		t.Errorf("abandoned at %v", now)
	}
}

// The applicant withdraws during the review; another person cannot, and
// a decision after the withdrawal does not take effect.
func TestClaimWithdrawnDuringReview(t *testing.T) {
	h := newClaimHarness(t, at("2025-06-02 10:00"), cadreClaim())
	foreign := h.withdraw(at("2025-06-03 09:00"), "w-0", otherApplicant, otherPerson)
	reviewerWithdraws := h.withdraw(at("2025-06-03 09:01"), "w-r", countyRev, applicantPerson)
	withdraw := h.withdraw(at("2025-06-03 10:00"), "w-1", applicant, applicantPerson)
	late := h.decide(at("2025-06-03 11:00"), "approve", countyRev, DecisionApprove, "", nil)
	if got := h.run(); got != store.ClaimStageWithdrawn {
		t.Fatalf("final stage %s", got)
	}
	wantRefused(t, "withdrawal by another person", foreign, ErrForbidden)
	wantRefused(t, "withdrawal by a reviewer", reviewerWithdraws, ErrForbidden)
	wantOK(t, "withdraw", withdraw)
	if late.accepted {
		t.Error("a decision after the withdrawal was accepted")
	}
	ch := h.db.lastChange()
	if ch.Audit == nil || ch.Audit.Action != "claim.withdraw" || ch.Review == nil || ch.Review.Open || ch.Decision != nil {
		t.Errorf("withdrawal change: %+v", ch)
	}
}

// A returned claim may be withdrawn too; a withdrawal after the final
// decision is refused.
func TestClaimWithdrawnWhileReturned(t *testing.T) {
	h := newClaimHarness(t, at("2025-06-02 10:00"), examClaim())
	h.decide(at("2025-06-03 10:00"), "return", countyRev, DecisionReturn, "请上传成绩单", nil)
	withdraw := h.withdraw(at("2025-06-05 10:00"), "w-1", applicant, applicantPerson)
	if got := h.run(); got != store.ClaimStageWithdrawn {
		t.Fatalf("final stage %s", got)
	}
	wantOK(t, "withdraw while returned", withdraw)
	if c := h.db.state(); c.CorrectionDueAt != nil || c.Stage != store.ClaimStageWithdrawn {
		t.Errorf("after withdrawal: %+v", c)
	}
}

// Nobody decides a county claim submitted before National Day: reminder on
// 2025-09-30, overdue and escalated to the city at the end of 2025-10-10,
// to the province at the end of 2025-10-16; the province reviewer decides.
func TestClaimReviewRemindsEscalatesOverdue(t *testing.T) {
	h := newClaimHarness(t, at("2025-09-26 10:00"), examClaim())
	h.check(at("2025-09-30 09:01"), func(c store.Claim) {
		n := h.db.notesOf("review_reminder")
		if len(n) != 1 || n[0].Region != "210102" || n[0].SubjectKind != "claim" || n[0].SubjectID != "77" {
			t.Errorf("reminder: %+v", n)
		}
	})
	h.check(at("2025-10-10 23:59"), func(c store.Claim) {
		if c.Overdue || c.AssignedRegion != "210102" {
			t.Errorf("escalated before the deadline: %+v", c)
		}
	})
	h.check(at("2025-10-11 00:01"), func(c store.Claim) {
		if !c.Overdue || c.AssignedRegion != "210100" || c.EscalationLevel != 1 {
			t.Errorf("after the deadline: overdue %v at %s level %d", c.Overdue, c.AssignedRegion, c.EscalationLevel)
		}
		if n := h.db.notesOf("review_escalated_deadline"); len(n) != 1 || n[0].Region != "210100" {
			t.Errorf("escalation notice: %+v", n)
		}
		if r := h.db.lastChange().Review; r == nil || !r.Overdue || r.AssignedRegion != "210100" || !r.Open {
			t.Errorf("inbox row after escalation: %+v", r)
		}
	})
	county := h.decide(at("2025-10-13 10:00"), "county", countyRev, DecisionApprove, "", nil)
	h.check(at("2025-10-17 00:01"), func(c store.Claim) {
		if !c.Overdue || c.AssignedRegion != "210000" || c.EscalationLevel != 2 {
			t.Errorf("after the second deadline: overdue %v at %s level %d", c.Overdue, c.AssignedRegion, c.EscalationLevel)
		}
		for _, n := range h.db.notes {
			if strings.Contains(n.Message, "张") || strings.Contains(n.Message, "身份证") {
				t.Errorf("notification names a person: %s", n.Message)
			}
		}
	})
	city := h.decide(at("2025-10-17 10:00"), "city", cityRev, DecisionApprove, "", nil)
	province := h.decide(at("2025-10-17 11:00"), "province", provinceRev, DecisionApprove, "", nil)
	if got := h.run(); got != store.ClaimStageApproved {
		t.Fatalf("final stage %s", got)
	}
	wantRefused(t, "county reviewer after escalation", county, ErrForbidden)
	wantRefused(t, "city reviewer after the second escalation", city, ErrForbidden)
	wantOK(t, "province reviewer", province)
	if d := h.db.lastChange().Decision; d.AssignedRegion != "210000" || d.EscalationLevel != 2 {
		t.Errorf("decision recorded at %s level %d", d.AssignedRegion, d.EscalationLevel)
	}
}

// The claim's review returns at most MaxReturnRounds (3) times.
func TestClaimReturnRoundsLimited(t *testing.T) {
	h := newClaimHarness(t, at("2025-06-02 10:00"), cadreClaim())
	for i, d := range []string{"2025-06-03", "2025-06-04", "2025-06-05"} {
		h.decide(at(d+" 10:00"), "return-"+d, countyRev, DecisionReturn, "统计表不清晰", nil)
		h.update(at(d+" 11:00"), AmendUpdate, "amend-"+d, ClaimAmendRequest{Actor: applicant, PersonID: applicantPerson,
			Year: 2025, PolicyYear: 2025, Details: store.ClaimDetails{Hours: float64(50 + i)}, Claimed: store.ClaimCredits{Public: 30}})
	}
	fourth := h.decide(at("2025-06-06 10:00"), "return-4", countyRev, DecisionReturn, "统计表不清晰", nil)
	approve := h.decide(at("2025-06-06 11:00"), "approve", countyRev, DecisionApprove, "", nil)
	if got := h.run(); got != store.ClaimStageApproved {
		t.Fatalf("final stage %s", got)
	}
	wantRefused(t, "fourth return", fourth, ErrRuleViolation)
	wantOK(t, "approve", approve)
	if c := h.db.state(); c.Returns != 3 || c.Hours != 52 {
		t.Errorf("returns %d hours %g", c.Returns, c.Hours)
	}
}

// A decision sent while the review is still opening (its deadline being
// computed) waits for it and takes effect; one out of scope is refused then.
func TestClaimDecisionWhileReviewOpens(t *testing.T) {
	h := newClaimHarness(t, at("2025-06-02 10:00"), examClaim())
	h.slowSchedule(time.Minute)
	early := h.decide(at("2025-06-02 10:00").Add(10*time.Second), "early", countyRev, DecisionApprove, "", nil)
	foreign := h.decide(at("2025-06-02 10:00").Add(20*time.Second), "foreign", otherCityRev, DecisionApprove, "", nil)
	if got := h.run(); got != store.ClaimStageApproved {
		t.Fatalf("final stage %s", got)
	}
	wantOK(t, "decision while the review opens", early)
	wantRefused(t, "out-of-scope decision while the review opens", foreign, ErrForbidden)
	if d := h.db.lastChange().Decision; d == nil || d.RequestID != "early" {
		t.Errorf("decision %+v", d)
	}
}

// The static summary and the search attributes name no person.
func TestClaimSummaryAndStartOptions(t *testing.T) {
	c := examClaim()
	c.ID, c.Region, c.City = 9, "210102", "210100"
	opts := ClaimStartOptions(c, "cpe")
	if opts.ID != "claim-9" || opts.StaticSummary != "学分申请 · other · 2025" || opts.TaskQueue != "cpe" {
		t.Errorf("start options: %+v", opts)
	}
	if opts.TypedSearchAttributes.Size() != 8 {
		t.Errorf("%d search attributes", opts.TypedSearchAttributes.Size())
	}
}

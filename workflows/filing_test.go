package workflows

import (
	"testing"

	"github.com/liaoning-finance/cpe/store"
)

// A county filing of a training that ends on the Friday before Spring
// Festival 2026: approved, records uploaded and approved, credits posted.
// Its records are due 10 working days after 2026-02-13, across the
// holiday (02-15…02-23 off, 02-14 and 02-28 worked): 2026-03-05.
func TestFilingCompletesAcrossSpringFestival(t *testing.T) {
	h := newHarness(t, at("2026-02-02 10:00"), at("2026-02-12 09:00"), at("2026-02-13 17:00"), "210102")
	h.check(at("2026-02-02 11:00"), func(f store.Filing) {
		if f.Stage != store.StageFilingReview || f.AssignedRegion != "210102" || f.EscalationLevel != 0 {
			t.Errorf("after submission: stage %s at %s level %d", f.Stage, f.AssignedRegion, f.EscalationLevel)
		}
		if got := f.ReviewDueAt.In(shanghaiClock).Format("2006-01-02 15:04:05"); got != "2026-02-09 23:59:59" {
			t.Errorf("filing review due %s, want 2026-02-09 23:59:59", got)
		}
	})
	approve := h.decide(at("2026-02-03 10:00"), "approve-1", countyRev, StepFiling, DecisionApprove, "")
	h.check(at("2026-02-03 10:01"), func(f store.Filing) {
		if f.Stage != store.StageApproved || f.RecordsDue == nil || f.RecordsDue.String() != "2026-03-05" {
			t.Errorf("after approval: stage %s, records due %v; want approved, 2026-03-05", f.Stage, f.RecordsDue)
		}
		if f.ReviewStep != "" || f.AssignedRegion != "" {
			t.Errorf("after approval the review is still shown: %q at %q", f.ReviewStep, f.AssignedRegion)
		}
	})
	h.check(at("2026-02-13 18:00"), func(f store.Filing) {
		if f.Stage != store.StageAwaitingRecords {
			t.Errorf("after the end: stage %s", f.Stage)
		}
	})
	early := h.upload(at("2026-02-10 10:00"), "records-early", 5)
	upload := h.upload(at("2026-03-02 10:00"), "records-1", 5)
	h.check(at("2026-03-02 10:01"), func(f store.Filing) {
		if f.Stage != store.StageRecordsReview || f.RecordsBatchID == nil || *f.RecordsBatchID != 5 {
			t.Errorf("after upload: stage %s batch %v", f.Stage, f.RecordsBatchID)
		}
		ch := h.db.lastChange()
		if !ch.CheckOverlaps || ch.BatchStatus != store.BatchInReview || ch.Review == nil || !ch.Review.Open {
			t.Errorf("records review opened without flags check or batch status: %+v", ch)
		}
	})
	records := h.decide(at("2026-03-03 10:00"), "approve-2", countyRev, StepRecords, DecisionApprove, "")
	if got := h.run(); got != store.StageCompleted {
		t.Fatalf("final stage %s", got)
	}
	wantOK(t, "approve filing", approve)
	wantRefused(t, "upload before the end", early, ErrConflict)
	wantOK(t, "upload", upload)
	wantOK(t, "approve records", records)
	last := h.db.lastChange()
	if !last.PostCredits || last.BatchStatus != store.BatchApproved || last.Decision == nil ||
		last.Decision.Step != StepRecords || last.Review.Open {
		t.Errorf("completion change: %+v", last)
	}
	if h.db.state().Year != 2026 {
		t.Errorf("credits year %d, want 2026", h.db.state().Year)
	}
}

func TestFilingRejected(t *testing.T) {
	h := newHarness(t, at("2025-06-02 10:00"), at("2025-06-20 09:00"), at("2025-06-20 17:00"), "210100")
	noReason := h.decide(at("2025-06-03 10:00"), "reject-0", cityRev, StepFiling, DecisionReject, "  ")
	reject := h.decide(at("2025-06-03 11:00"), "reject-1", cityRev, StepFiling, DecisionReject, "课程内容与会计专业无关")
	if got := h.run(); got != store.StageRejected {
		t.Fatalf("final stage %s", got)
	}
	wantRefused(t, "reject without reason", noReason, ErrInvalid)
	wantOK(t, "reject", reject)
	d := h.db.lastChange().Decision
	if d == nil || d.Decision != DecisionReject || d.Reason != "课程内容与会计专业无关" || d.Actor != cityRev || d.RequestID != "reject-1" {
		t.Errorf("decision written: %+v", d)
	}
}

func TestFilingReturnAmendApprove(t *testing.T) {
	h := newHarness(t, at("2025-06-02 10:00"), at("2025-06-20 09:00"), at("2025-06-20 17:00"), "210100")
	noReason := h.decide(at("2025-06-03 10:00"), "return-0", cityRev, StepFiling, DecisionReturn, "")
	ret := h.decide(at("2025-06-03 11:00"), "return-1", cityRev, StepFiling, DecisionReturn, "请补充授课教师资质")
	h.check(at("2025-06-03 11:01"), func(f store.Filing) {
		if f.Stage != store.StageFilingReturned || f.FilingReturns != 1 {
			t.Errorf("after return: stage %s returns %d", f.Stage, f.FilingReturns)
		}
	})
	foreign := h.update(at("2025-06-04 09:00"), AmendUpdate, "amend-x", AmendRequest{Actor: otherInst, Title: "x",
		Venue: "y", StartAt: at("2025-06-21 09:00"), EndAt: at("2025-06-21 17:00"), Credits: 8, Year: 2025})
	amend := h.update(at("2025-06-04 10:00"), AmendUpdate, "amend-1", AmendRequest{Actor: institution,
		Title: "政府会计准则专题（修订）", Category: "professional", Level: "intermediate", Venue: "沈阳市和平区",
		StartAt: at("2025-06-21 09:00"), EndAt: at("2025-06-21 17:00"), Credits: 8, Year: 2025})
	h.check(at("2025-06-04 10:01"), func(f store.Filing) {
		ch := h.db.lastChange()
		if f.Stage != store.StageFilingReview || f.Title != "政府会计准则专题（修订）" || f.Credits != 8 ||
			ch.Audit == nil || ch.Audit.Action != "filing.amend" || ch.Review == nil || !ch.Review.Open {
			t.Errorf("after amendment: %+v / change %+v", f, ch)
		}
		if got := f.ReviewDueAt.In(shanghaiClock).Format("2006-01-02"); got != "2025-06-11" {
			t.Errorf("second review due %s, want 2025-06-11", got)
		}
	})
	approve := h.decide(at("2025-06-05 10:00"), "approve-1", cityRev, StepFiling, DecisionApprove, "")
	h.check(at("2025-06-05 10:01"), func(f store.Filing) {
		if f.Stage != store.StageApproved {
			t.Errorf("after approval: stage %s", f.Stage)
		}
	})
	h.upload(at("2025-06-23 10:00"), "records-1", 9)
	h.decide(at("2025-06-24 10:00"), "approve-2", cityRev, StepRecords, DecisionApprove, "")
	if got := h.run(); got != store.StageCompleted {
		t.Fatalf("final stage %s", got)
	}
	wantRefused(t, "return without reason", noReason, ErrInvalid)
	wantOK(t, "return", ret)
	wantRefused(t, "amendment by another institution", foreign, ErrForbidden)
	wantOK(t, "amend", amend)
	wantOK(t, "approve", approve)
}

// After MaxReturnRounds (3) returns a fourth is refused; approve still works.
func TestFilingTooManyReturnRounds(t *testing.T) {
	h := newHarness(t, at("2025-06-02 10:00"), at("2025-07-20 09:00"), at("2025-07-20 17:00"), "210000")
	day := []string{"2025-06-03", "2025-06-04", "2025-06-05"}
	var amends []*updateOutcome
	for i, d := range day {
		h.decide(at(d+" 10:00"), "return-"+d, provinceRev, StepFiling, DecisionReturn, "材料不全")
		amends = append(amends, h.update(at(d+" 11:00"), AmendUpdate, "amend-"+d, AmendRequest{Actor: institution,
			Title: "政府会计准则专题", Category: "professional", Level: "senior", Venue: "省财政厅培训中心",
			StartAt: at("2025-07-20 09:00"), EndAt: at("2025-07-20 17:00"), Credits: float64(8 - i), Year: 2025}))
	}
	fourth := h.decide(at("2025-06-06 10:00"), "return-4", provinceRev, StepFiling, DecisionReturn, "材料不全")
	approve := h.decide(at("2025-06-06 11:00"), "approve", provinceRev, StepFiling, DecisionApprove, "")
	withdraw := h.update(at("2025-06-07 10:00"), WithdrawUpdate, "withdraw", WithdrawRequest{Actor: institution, Reason: "讲师无法到场"})
	if got := h.run(); got != store.StageWithdrawn {
		t.Fatalf("final stage %s", got)
	}
	for i, a := range amends {
		wantOK(t, "amend "+day[i], a)
	}
	wantRefused(t, "fourth return", fourth, ErrRuleViolation)
	wantOK(t, "approve", approve)
	wantOK(t, "withdraw after approval, before the start", withdraw)
	if f := h.db.state(); f.FilingReturns != 3 || f.Credits != 6 {
		t.Errorf("returns %d credits %v", f.FilingReturns, f.Credits)
	}
}

func TestFilingWithdrawnDuringReview(t *testing.T) {
	h := newHarness(t, at("2025-06-02 10:00"), at("2025-06-20 09:00"), at("2025-06-20 17:00"), "210102")
	foreign := h.update(at("2025-06-03 09:00"), WithdrawUpdate, "w-0", WithdrawRequest{Actor: otherInst})
	withdraw := h.update(at("2025-06-03 10:00"), WithdrawUpdate, "w-1", WithdrawRequest{Actor: institution, Reason: "取消"})
	late := h.decide(at("2025-06-03 11:00"), "approve", countyRev, StepFiling, DecisionApprove, "")
	if got := h.run(); got != store.StageWithdrawn {
		t.Fatalf("final stage %s", got)
	}
	wantRefused(t, "withdrawal by another institution", foreign, ErrForbidden)
	wantOK(t, "withdraw", withdraw)
	if late.accepted {
		t.Error("a decision after the withdrawal was accepted")
	}
	ch := h.db.lastChange()
	if ch.Audit == nil || ch.Audit.Action != "filing.withdraw" || ch.Review == nil || ch.Review.Open {
		t.Errorf("withdrawal change: %+v", ch)
	}
}

// An approved filing cannot be withdrawn once the training started.
func TestFilingWithdrawAfterStartRefused(t *testing.T) {
	h := newHarness(t, at("2025-06-02 10:00"), at("2025-06-10 09:00"), at("2025-06-12 17:00"), "210100")
	h.decide(at("2025-06-03 10:00"), "approve", cityRev, StepFiling, DecisionApprove, "")
	withdraw := h.update(at("2025-06-11 10:00"), WithdrawUpdate, "w", WithdrawRequest{Actor: institution})
	h.upload(at("2025-06-13 10:00"), "records", 3)
	h.decide(at("2025-06-13 11:00"), "reject", cityRev, StepRecords, DecisionReject, "签到表与名单不符")
	if got := h.run(); got != store.StageRejected {
		t.Fatalf("final stage %s", got)
	}
	wantRefused(t, "withdraw after the start", withdraw, ErrConflict)
	if ch := h.db.lastChange(); ch.BatchStatus != store.BatchRejected || ch.PostCredits {
		t.Errorf("records rejection change: %+v", ch)
	}
}

// A filing not approved by the training's start lapses, also when it was
// returned and never amended.
func TestFilingLapses(t *testing.T) {
	for _, returned := range []bool{false, true} {
		h := newHarness(t, at("2025-06-02 10:00"), at("2025-06-05 09:00"), at("2025-06-05 17:00"), "210102")
		if returned {
			h.decide(at("2025-06-03 10:00"), "return", countyRev, StepFiling, DecisionReturn, "补充材料")
		}
		if got := h.run(); got != store.StageLapsed {
			t.Fatalf("returned=%v: final stage %s", returned, got)
		}
		ch := h.db.lastChange()
		if ch.Audit == nil || ch.Audit.Action != "filing.lapse" || ch.Audit.Role != "system" {
			t.Errorf("returned=%v: lapse change %+v", returned, ch)
		}
		if !returned && (ch.Review == nil || ch.Review.Open) {
			t.Errorf("lapse left the review open: %+v", ch.Review)
		}
	}
}

package workflows

import (
	"testing"
	"time"

	"github.com/liaoning-finance/cpe/store"
)

// A county filing submitted on Friday 2025-09-26, before National Day, that
// nobody decides: review due at the end of 2025-10-10 (09-28 and 10-11 are
// worked, 10-01…10-08 off), reminder on 2025-09-30, escalation to the city
// at the deadline and to the province 5 working days later (2025-10-16).
func TestReviewRemindsAndEscalatesAcrossNationalDay(t *testing.T) {
	h := newHarness(t, at("2025-09-26 10:00"), at("2025-10-27 09:00"), at("2025-10-27 17:00"), "210102")
	h.check(at("2025-09-26 11:00"), func(f store.Filing) {
		if got := f.ReviewDueAt.In(shanghaiClock).Format("2006-01-02 15:04:05"); got != "2025-10-10 23:59:59" {
			t.Errorf("review due %s, want 2025-10-10 23:59:59", got)
		}
	})
	h.check(at("2025-09-30 08:59"), func(store.Filing) {
		if n := h.db.notesOf("review_reminder"); len(n) != 0 {
			t.Errorf("reminder before its time: %+v", n)
		}
	})
	h.check(at("2025-09-30 09:01"), func(store.Filing) {
		n := h.db.notesOf("review_reminder")
		if len(n) != 1 || n[0].Region != "210102" || n[0].SubjectID != "42" {
			t.Errorf("reminder: %+v", n)
		}
	})
	h.check(at("2025-10-10 23:59"), func(f store.Filing) {
		if f.Overdue || f.AssignedRegion != "210102" {
			t.Errorf("escalated before the deadline: %+v", f)
		}
	})
	h.check(at("2025-10-11 00:01"), func(f store.Filing) {
		if !f.Overdue || f.AssignedRegion != "210100" || f.EscalationLevel != 1 {
			t.Errorf("after the deadline: overdue %v at %s level %d", f.Overdue, f.AssignedRegion, f.EscalationLevel)
		}
		if n := h.db.notesOf("review_escalated_deadline"); len(n) != 1 || n[0].Region != "210100" {
			t.Errorf("escalation notice: %+v", n)
		}
	})
	county := h.decide(at("2025-10-13 10:00"), "county", countyRev, StepFiling, DecisionApprove, "")
	h.check(at("2025-10-17 00:01"), func(f store.Filing) {
		if !f.Overdue || f.AssignedRegion != "210000" || f.EscalationLevel != 2 {
			t.Errorf("after the second deadline: overdue %v at %s level %d", f.Overdue, f.AssignedRegion, f.EscalationLevel)
		}
	})
	city := h.decide(at("2025-10-17 10:00"), "city", cityRev, StepFiling, DecisionApprove, "")
	province := h.decide(at("2025-10-17 11:00"), "province", provinceRev, StepFiling, DecisionReject, "逾期未补正")
	if got := h.run(); got != store.StageRejected {
		t.Fatalf("final stage %s", got)
	}
	wantRefused(t, "county reviewer after escalation", county, ErrForbidden)
	wantRefused(t, "city reviewer after the second escalation", city, ErrForbidden)
	wantOK(t, "province reviewer", province)
	if d := h.db.lastChange().Decision; d.AssignedRegion != "210000" || d.EscalationLevel != 2 {
		t.Errorf("decision recorded at %s level %d", d.AssignedRegion, d.EscalationLevel)
	}
}

// Scope: a reviewer of another city, an institution, a supervisor of
// another city are refused; a wrong step is a conflict; a city supervisor
// may decide a county review.
func TestReviewScope(t *testing.T) {
	h := newHarness(t, at("2025-06-02 10:00"), at("2025-06-20 09:00"), at("2025-06-20 17:00"), "210102")
	other := h.decide(at("2025-06-03 09:00"), "other", otherCityRev, StepFiling, DecisionApprove, "")
	inst := h.decide(at("2025-06-03 09:01"), "inst", institution, StepFiling, DecisionApprove, "")
	otherSup := h.decide(at("2025-06-03 09:02"), "other-sup", otherCitySup, StepFiling, DecisionApprove, "")
	city := h.decide(at("2025-06-03 09:03"), "city", cityRev, StepFiling, DecisionApprove, "")
	step := h.decide(at("2025-06-03 09:04"), "step", countyRev, StepRecords, DecisionApprove, "")
	bad := h.decide(at("2025-06-03 09:05"), "bad", countyRev, StepFiling, "maybe", "")
	sup := h.decide(at("2025-06-03 10:00"), "sup", citySup, StepFiling, DecisionReject, "重复备案")
	if got := h.run(); got != store.StageRejected {
		t.Fatalf("final stage %s", got)
	}
	wantRefused(t, "reviewer of another city", other, ErrForbidden)
	wantRefused(t, "institution", inst, ErrForbidden)
	wantRefused(t, "supervisor of another city", otherSup, ErrForbidden)
	wantRefused(t, "city reviewer on a county review", city, ErrForbidden)
	wantRefused(t, "records step during filing review", step, ErrConflict)
	wantRefused(t, "unknown decision", bad, ErrInvalid)
	wantOK(t, "city supervisor", sup)
}

// A repeated decision with the same update id returns the first result; a
// different decision afterwards is a conflict.
func TestReviewDecisionIdempotent(t *testing.T) {
	h := newHarness(t, at("2025-06-02 10:00"), at("2025-06-20 09:00"), at("2025-06-20 17:00"), "210100")
	first := h.decide(at("2025-06-03 10:00"), "key-1", cityRev, StepFiling, DecisionApprove, "")
	repeat := h.decide(at("2025-06-03 10:05"), "key-1", cityRev, StepFiling, DecisionApprove, "")
	second := h.decide(at("2025-06-03 10:10"), "key-2", cityRev, StepFiling, DecisionReject, "改主意")
	h.update(at("2025-06-04 10:00"), WithdrawUpdate, "w", WithdrawRequest{Actor: institution})
	if got := h.run(); got != store.StageWithdrawn {
		t.Fatalf("final stage %s", got)
	}
	wantOK(t, "first", first)
	wantOK(t, "repeat", repeat)
	if first.result == nil || first.result.(UpdateResult) != repeat.result.(UpdateResult) {
		t.Errorf("repeat returned %+v, first %+v", repeat.result, first.result)
	}
	wantRefused(t, "different decision afterwards", second, ErrConflict)
	decisions := 0
	for _, ch := range h.db.changes {
		if ch.Decision != nil {
			decisions++
		}
	}
	if decisions != 1 {
		t.Errorf("%d decisions written, want 1", decisions)
	}
}

// A decision sent right after the start, while the review is still opening
// (its deadline being computed), waits for it and takes effect; one out of
// scope is refused then. The records review, opening after an upload,
// does the same.
func TestReviewDecisionWhileReviewOpens(t *testing.T) {
	h := newHarness(t, at("2025-06-02 10:00"), at("2025-06-20 09:00"), at("2025-06-20 17:00"), "210102")
	h.slowSchedule(time.Minute)
	early := h.decide(at("2025-06-02 10:00").Add(10*time.Second), "early", countyRev, StepFiling, DecisionApprove, "")
	foreign := h.decide(at("2025-06-02 10:00").Add(20*time.Second), "foreign", otherCityRev, StepFiling, DecisionApprove, "")
	h.check(at("2025-06-02 10:05"), func(f store.Filing) {
		if f.Stage != store.StageApproved {
			t.Errorf("after the early decision: stage %s", f.Stage)
		}
	})
	upload := h.upload(at("2025-06-23 10:00"), "records-1", 9)
	records := h.decide(at("2025-06-23 10:00").Add(10*time.Second), "records", countyRev, StepRecords, DecisionApprove, "")
	if got := h.run(); got != store.StageCompleted {
		t.Fatalf("final stage %s", got)
	}
	wantOK(t, "decision while the filing review opens", early)
	wantRefused(t, "out-of-scope decision while the review opens", foreign, ErrForbidden)
	wantOK(t, "upload", upload)
	wantOK(t, "decision while the records review opens", records)
	if d := h.db.lastChange().Decision; d == nil || d.RequestID != "records" {
		t.Errorf("decision %+v", d)
	}
}

// A withdrawal accepted while the review opens ends the review: a decision
// waiting for it to open is refused, for a filing as for a claim.
func TestReviewWithdrawnWhileDecisionWaits(t *testing.T) {
	t0 := at("2025-06-02 10:00")
	h := newHarness(t, t0, at("2025-06-20 09:00"), at("2025-06-20 17:00"), "210102")
	h.slowSchedule(time.Minute)
	dec := h.decide(t0.Add(10*time.Second), "early", countyRev, StepFiling, DecisionReject, "重复备案")
	withdraw := h.update(t0.Add(20*time.Second), WithdrawUpdate, "w", WithdrawRequest{Actor: institution})
	if got := h.run(); got != store.StageWithdrawn {
		t.Fatalf("filing: final stage %s", got)
	}
	wantRefused(t, "filing decision waiting for the review", dec, ErrConflict)
	wantOK(t, "filing withdrawal", withdraw)

	c := newClaimHarness(t, t0, examClaim())
	c.slowSchedule(time.Minute)
	cdec := c.decide(t0.Add(10*time.Second), "early", countyRev, DecisionApprove, "", nil)
	cw := c.withdraw(t0.Add(20*time.Second), "w", applicant, applicantPerson)
	if got := c.run(); got != store.ClaimStageWithdrawn {
		t.Fatalf("claim: final stage %s", got)
	}
	wantRefused(t, "claim decision waiting for the review", cdec, ErrConflict)
	wantOK(t, "claim withdrawal", cw)
}

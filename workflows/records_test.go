package workflows

import (
	"strings"
	"testing"

	sdkpb "go.temporal.io/api/sdk/v1"

	"github.com/liaoning-finance/cpe/store"
)

// Records of a training ending 2025-09-30 are due 10 working days later,
// across National Day: 2025-10-21. Nobody uploads: the filing turns overdue
// and goes to the city, then to the province; the late upload needs a
// supervisor.
func TestRecordsOverdueThenLateUploadNeedsSupervisor(t *testing.T) {
	h := newHarness(t, at("2025-09-22 10:00"), at("2025-09-29 09:00"), at("2025-09-30 17:00"), "210102")
	h.decide(at("2025-09-23 10:00"), "approve", countyRev, StepFiling, DecisionApprove, "")
	h.check(at("2025-09-23 10:01"), func(f store.Filing) {
		if f.RecordsDue == nil || f.RecordsDue.String() != "2025-10-21" {
			t.Errorf("records due %v, want 2025-10-21", f.RecordsDue)
		}
	})
	h.check(at("2025-10-17 09:01"), func(store.Filing) {
		if n := h.db.notesOf("records_reminder"); len(n) != 1 || n[0].Region != "210102" {
			t.Errorf("records reminder: %+v", n)
		}
	})
	h.check(at("2025-10-22 00:01"), func(f store.Filing) {
		if f.Stage != store.StageAwaitingRecords || !f.Overdue || !f.RecordsLate || f.AssignedRegion != "210100" ||
			f.EscalationLevel != 1 || !f.SupervisorRequired {
			t.Errorf("after the records deadline: %+v", f)
		}
		if n := h.db.notesOf("records_overdue_deadline"); len(n) != 1 || n[0].Region != "210100" {
			t.Errorf("overdue notice: %+v", n)
		}
	})
	// 2025-10-21 + 5 working days = 2025-10-28.
	h.check(at("2025-10-29 00:01"), func(f store.Filing) {
		if f.AssignedRegion != "210000" || f.EscalationLevel != 2 {
			t.Errorf("after the second records deadline: at %s level %d", f.AssignedRegion, f.EscalationLevel)
		}
	})
	h.upload(at("2025-10-30 10:00"), "late", 8)
	h.check(at("2025-10-30 10:01"), func(f store.Filing) {
		if f.Stage != store.StageRecordsReview || !f.SupervisorRequired || f.AssignedRegion != "210000" || f.Overdue {
			t.Errorf("late records in review: %+v", f)
		}
	})
	reviewer := h.decide(at("2025-10-30 11:00"), "rev", provinceRev, StepRecords, DecisionApprove, "")
	citySupervisor := h.decide(at("2025-10-30 11:01"), "city-sup", citySup, StepRecords, DecisionApprove, "")
	provinceSup := store.Actor{AccountID: 32, Role: RoleSupervisor, Region: "210000"}
	sup := h.decide(at("2025-10-30 12:00"), "sup", provinceSup, StepRecords, DecisionApprove, "")
	if got := h.run(); got != store.StageCompleted {
		t.Fatalf("final stage %s", got)
	}
	wantRefused(t, "reviewer on late records", reviewer, ErrForbidden)
	wantRefused(t, "city supervisor on records held by the province", citySupervisor, ErrForbidden)
	wantOK(t, "province supervisor", sup)
	if !h.db.lastChange().PostCredits || h.db.state().Year != 2025 {
		t.Error("late records approved without posting 2025 credits")
	}
}

// Returned records get a correction window; the re-upload is reviewed
// again; integrity flags reach the details.
func TestRecordsReturnedAndReuploaded(t *testing.T) {
	h := newHarness(t, at("2025-06-02 10:00"), at("2025-06-10 09:00"), at("2025-06-11 17:00"), "210100")
	h.flags = []store.Flag{{Kind: "overlap", PersonID: 3, Filings: []int64{42, 17}, Message: "overlap"}}
	h.decide(at("2025-06-03 10:00"), "approve", cityRev, StepFiling, DecisionApprove, "")
	first := h.upload(at("2025-06-12 10:00"), "records-1", 1)
	twice := h.upload(at("2025-06-12 10:30"), "records-1b", 2)
	ret := h.decide(at("2025-06-13 10:00"), "return", cityRev, StepRecords, DecisionReturn, "第 12 行学分有误")
	h.check(at("2025-06-13 10:01"), func(f store.Filing) {
		// 2025-06-13 + 10 working days = 2025-06-27.
		if f.Stage != store.StageRecordsReturned || f.RecordsReturns != 1 || f.CorrectionDueAt == nil ||
			f.CorrectionDueAt.In(shanghaiClock).Format("2006-01-02") != "2025-06-27" {
			t.Errorf("after return: %+v", f)
		}
		if ch := h.db.lastChange(); ch.BatchStatus != store.BatchReturned {
			t.Errorf("returned batch status %q", ch.BatchStatus)
		}
	})
	second := h.upload(at("2025-06-16 10:00"), "records-2", 2)
	h.check(at("2025-06-16 10:01"), func(f store.Filing) {
		if f.Stage != store.StageRecordsReview || *f.RecordsBatchID != 2 || f.SupervisorRequired {
			t.Errorf("after re-upload: %+v", f)
		}
	})
	var details string
	h.env.RegisterDelayedCallback(func() {
		v, err := h.env.QueryWorkflow("__temporal_workflow_metadata")
		if err != nil {
			t.Error(err)
			return
		}
		var meta sdkpb.WorkflowMetadata
		if err := v.Get(&meta); err != nil {
			t.Error(err)
		}
		details = meta.GetCurrentDetails()
	}, h.after(at("2025-06-16 10:02")))
	approve := h.decide(at("2025-06-17 10:00"), "approve-2", cityRev, StepRecords, DecisionApprove, "")
	if got := h.run(); got != store.StageCompleted {
		t.Fatalf("final stage %s", got)
	}
	wantOK(t, "first upload", first)
	wantRefused(t, "second upload while in review", twice, ErrConflict)
	wantOK(t, "return", ret)
	wantOK(t, "re-upload", second)
	wantOK(t, "approve", approve)
	for _, want := range []string{"records_review", "records review, round 2", "integrity flags: 1", "held by 210100"} {
		if !strings.Contains(details, want) {
			t.Errorf("current details lack %q:\n%s", want, details)
		}
	}
}

// Returned records not corrected in time make the filing overdue again and
// the correction then needs a supervisor.
func TestRecordsCorrectionOverdue(t *testing.T) {
	h := newHarness(t, at("2025-06-02 10:00"), at("2025-06-10 09:00"), at("2025-06-11 17:00"), "210100")
	h.decide(at("2025-06-03 10:00"), "approve", cityRev, StepFiling, DecisionApprove, "")
	h.upload(at("2025-06-12 10:00"), "records-1", 1)
	h.decide(at("2025-06-13 10:00"), "return", cityRev, StepRecords, DecisionReturn, "缺签到表")
	h.check(at("2025-06-28 00:01"), func(f store.Filing) {
		if f.Stage != store.StageRecordsReturned || !f.Overdue || !f.RecordsLate || f.AssignedRegion != "210000" {
			t.Errorf("after the correction deadline: %+v", f)
		}
	})
	h.upload(at("2025-06-30 10:00"), "records-2", 2)
	reviewer := h.decide(at("2025-06-30 11:00"), "rev", provinceRev, StepRecords, DecisionApprove, "")
	provinceSup := store.Actor{AccountID: 32, Role: RoleSupervisor, Region: "210000"}
	sup := h.decide(at("2025-06-30 12:00"), "sup", provinceSup, StepRecords, DecisionApprove, "")
	if got := h.run(); got != store.StageCompleted {
		t.Fatalf("final stage %s", got)
	}
	wantRefused(t, "reviewer on late correction", reviewer, ErrForbidden)
	wantOK(t, "supervisor", sup)
}

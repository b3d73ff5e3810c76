package workflows

import (
	"errors"
	"strings"
	"testing"
	"time"

	sdkpb "go.temporal.io/api/sdk/v1"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/workflow"

	"github.com/liaoning-finance/cpe/store"
)

// atSecond is a wall-clock instant in Asia/Shanghai with seconds and their
// fractions, e.g. "2025-06-09 23:59:59.5".
func atSecond(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04:05.999", s, shanghaiClock)
	if err != nil {
		panic(err)
	}
	return t
}

// decisionOf returns the decision the read model recorded, or nil.
func (h *harness) decisionOf(step string) *store.FilingDecision {
	h.db.mu.Lock()
	defer h.db.mu.Unlock()
	for _, ch := range h.db.changes {
		if d := ch.Decision; d != nil && d.Step == step {
			return d
		}
	}
	return nil
}

// A review is due at the end of its last day, 24:00 +08:00 (DESIGN.md §3):
// the county's approval in the last second of 2025-06-09 (a county filing
// submitted on 2025-06-02, a day off, is due 5 working days later) takes
// effect at the county; one second into the next day the review is the
// city's and the county is refused. Workflows on the path before version 1
// of changeDeadlineMidnight keep escalating at 23:59:59.
func TestReviewDeadlineEndsAtMidnight(t *testing.T) {
	tests := []struct {
		name       string
		old        bool
		when       string
		inTime     bool
		escalateAt string
	}{
		{"last second", false, "2025-06-09 23:59:59.5", true, "2025-06-10 00:00:00"},
		{"next day", false, "2025-06-10 00:00:01", false, "2025-06-10 00:00:00"},
		{"last second, before version 1", true, "2025-06-09 23:59:59.5", false, "2025-06-09 23:59:59"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, at("2025-06-02 10:00"), at("2025-06-20 09:00"), at("2025-06-20 17:00"), "210102")
			if tt.old {
				h.env.OnGetVersion(changeDeadlineMidnight, workflow.DefaultVersion, 1).Return(workflow.DefaultVersion)
			}
			h.check(at("2025-06-02 11:00"), func(f store.Filing) {
				if got := f.ReviewDueAt.In(shanghaiClock).Format("2006-01-02 15:04:05"); got != "2025-06-09 23:59:59" {
					t.Errorf("review due %s, want 2025-06-09 23:59:59", got)
				}
			})
			if !tt.inTime {
				escalateAt := atSecond(tt.escalateAt)
				h.check(escalateAt.Add(-100*time.Millisecond), func(f store.Filing) {
					if f.Overdue || f.AssignedRegion != "210102" {
						t.Errorf("escalated before %s: overdue %v at %s", tt.escalateAt, f.Overdue, f.AssignedRegion)
					}
				})
				h.check(escalateAt.Add(100*time.Millisecond), func(f store.Filing) {
					if !f.Overdue || f.AssignedRegion != "210100" {
						t.Errorf("not escalated at %s: overdue %v at %s", tt.escalateAt, f.Overdue, f.AssignedRegion)
					}
				})
			}
			county := h.decide(atSecond(tt.when), "county", countyRev, StepFiling, DecisionApprove, "")
			var city *updateOutcome
			if !tt.inTime {
				city = h.decide(at("2025-06-10 10:00"), "city", cityRev, StepFiling, DecisionApprove, "")
			}
			h.update(at("2025-06-11 10:00"), WithdrawUpdate, "withdraw", WithdrawRequest{Actor: institution, Reason: "改期"})
			if got := h.run(); got != store.StageWithdrawn {
				t.Fatalf("final stage %s", got)
			}
			d := h.decisionOf(StepFiling)
			if tt.inTime {
				wantOK(t, "county in the deadline's last second", county)
				if d == nil || d.AssignedRegion != "210102" || d.EscalationLevel != 0 || !d.DecidedAt.Equal(atSecond(tt.when)) {
					t.Errorf("decision %+v, want the county's at level 0", d)
				}
				if n := h.db.notesOf("review_escalated_deadline"); len(n) != 0 {
					t.Errorf("escalated although decided in time: %+v", n)
				}
				return
			}
			wantRefused(t, "county after the deadline", county, ErrForbidden)
			wantOK(t, "city after the escalation", city)
			if d == nil || d.AssignedRegion != "210100" || d.EscalationLevel != 1 {
				t.Errorf("decision %+v, want the city's at level 1", d)
			}
		})
	}
}

// Records due at the end of 2025-10-21 (a training ending 2025-09-30)
// uploaded in that day's last second are in time: no escalation, no
// supervisor needed.
func TestRecordsUploadInDeadlinesLastSecond(t *testing.T) {
	h := newHarness(t, at("2025-09-22 10:00"), at("2025-09-29 09:00"), at("2025-09-30 17:00"), "210102")
	h.decide(at("2025-09-23 10:00"), "approve", countyRev, StepFiling, DecisionApprove, "")
	upload := h.upload(atSecond("2025-10-21 23:59:59.5"), "records", 8)
	h.check(atSecond("2025-10-22 00:00:01"), func(f store.Filing) {
		if f.Stage != store.StageRecordsReview || f.Overdue || f.RecordsLate || f.SupervisorRequired ||
			f.AssignedRegion != "210102" {
			t.Errorf("records uploaded in time: %+v", f)
		}
		if n := h.db.notesOf("records_overdue_deadline"); len(n) != 0 {
			t.Errorf("overdue notice: %+v", n)
		}
	})
	approve := h.decide(at("2025-10-22 10:00"), "approve-records", countyRev, StepRecords, DecisionApprove, "")
	if got := h.run(); got != store.StageCompleted {
		t.Fatalf("final stage %s", got)
	}
	wantOK(t, "upload in the last second", upload)
	wantOK(t, "county reviewer on records in time", approve)
}

// A claim returned on 2025-06-03 may be amended until the end of
// 2025-06-17 (10 working days): an amendment in its last second is taken;
// without one the claim is abandoned at 24:00, not a second earlier.
func TestClaimCorrectionEndsAtMidnight(t *testing.T) {
	h := newClaimHarness(t, at("2025-06-02 10:00"), faceToFaceClaim())
	h.decide(at("2025-06-03 10:00"), "return-1", countyRev, DecisionReturn, "请补充签到表", nil)
	c := faceToFaceClaim()
	amend := h.update(atSecond("2025-06-17 23:59:59.5"), AmendUpdate, "amend-1", ClaimAmendRequest{Actor: applicant,
		PersonID: applicantPerson, Year: c.Year, PolicyYear: c.Year, Details: c.ClaimDetails, Claimed: c.Claimed})
	approve := h.decide(at("2025-06-18 10:00"), "approve-2", countyRev, DecisionApprove, "", nil)
	if got := h.run(); got != store.ClaimStageApproved {
		t.Fatalf("final stage %s", got)
	}
	wantOK(t, "amendment in the last second", amend)
	wantOK(t, "approval of the amended claim", approve)

	abandoned := newClaimHarness(t, at("2025-06-02 10:00"), faceToFaceClaim())
	abandoned.decide(at("2025-06-03 10:00"), "return-1", countyRev, DecisionReturn, "请补充签到表", nil)
	if got := abandoned.run(); got != store.ClaimStageAbandoned {
		t.Fatalf("final stage %s", got)
	}
	if now := abandoned.env.Now(); now.Before(atSecond("2025-06-18 00:00:00")) {
		t.Errorf("abandoned at %v, before the end of 2025-06-17", now.In(shanghaiClock))
	}
}

// A filing decision that arrives when the training starts is refused and
// the filing lapses. (The test environment runs the "training start" timer's
// workflow task before an Update delivered at the same instant, so this
// passes on the timer alone; TestFilingDecisionValidatorAtTrainingStart
// covers the Update running first.)
func TestFilingDecisionAtTrainingStartRefused(t *testing.T) {
	start := at("2025-06-05 09:00")
	h := newHarness(t, at("2025-06-02 10:00"), start, at("2025-06-05 17:00"), "210102")
	approve := h.decide(start, "approve", countyRev, StepFiling, DecisionApprove, "")
	if got := h.run(); got != store.StageLapsed {
		t.Fatalf("final stage %s", got)
	}
	wantRefused(t, "approval at the training's start", approve, ErrConflict)
	if d := h.decisionOf(StepFiling); d != nil {
		t.Errorf("decision recorded: %+v", d)
	}
}

// The race the test environment cannot stage: the "training start" timer
// and a decision land in one workflow task, and the Update runs first,
// while r.started is still false. The validator refuses a filing decision
// from the start's instant on, whatever the timer did; a second earlier it
// takes it.
func TestFilingDecisionValidatorAtTrainingStart(t *testing.T) {
	start := at("2025-06-05 09:00")
	for _, tt := range []struct {
		now  time.Time
		want string
	}{{start.Add(-time.Second), ""}, {start, ErrConflict}, {start.Add(time.Minute), ErrConflict}} {
		var suite testsuite.WorkflowTestSuite
		env := suite.NewTestWorkflowEnvironment()
		env.SetStartTime(tt.now)
		env.RegisterWorkflowWithOptions(func(ctx workflow.Context) (string, error) {
			r := newFilingRun(FilingInput{Filing: store.Filing{ID: 42, InstitutionID: 7, Region: "210102",
				City: "210100", Title: "政府会计准则专题", StartAt: start, EndAt: start.Add(8 * time.Hour), Year: 2025},
				Submitter: institution})
			rev, err := NewReview(ReviewSpec{SubjectKind: kindFiling, SubjectID: 42, Step: StepFiling,
				Region: "210102", Round: 1, ReturnsLeft: 3})
			if err != nil {
				return "", err
			}
			rev.Open, r.review = true, rev
			err = r.validateDecision(ctx, DecisionRequest{Step: StepFiling, Decision: DecisionApprove, Actor: countyRev})
			var appErr *temporal.ApplicationError
			if errors.As(err, &appErr) {
				return appErr.Type(), nil
			}
			return "", err
		}, workflow.RegisterOptions{Name: "validate"})
		env.ExecuteWorkflow("validate")
		var got string
		if err := env.GetWorkflowResult(&got); err != nil || got != tt.want {
			t.Errorf("decision at %s, training starting %s: refusal %q (%v), want %q",
				tt.now.In(shanghaiClock).Format("15:04:05"), start.In(shanghaiClock).Format("15:04:05"), got, err, tt.want)
		}
	}
}

// detailsAt reads the workflow's current details at when into *out.
func (h *testRun[S, C]) detailsAt(when time.Time, out *string) {
	h.env.RegisterDelayedCallback(func() {
		v, err := h.env.QueryWorkflow("__temporal_workflow_metadata")
		if err != nil {
			h.t.Error(err)
			return
		}
		var meta sdkpb.WorkflowMetadata
		if err := v.Get(&meta); err != nil {
			h.t.Error(err)
		}
		*out = meta.GetCurrentDetails()
	}, h.after(when))
}

// Since version 1 of changeFlagCount a filing writes every change with
// ApplyFilingChangeCounted and only the number of flags reaches its history;
// a workflow on the path before it keeps ApplyFilingChange. Either way the
// count reaches the details.
func TestFilingFlagCountVersions(t *testing.T) {
	for _, old := range []bool{false, true} {
		h := newHarness(t, at("2025-06-02 10:00"), at("2025-06-10 09:00"), at("2025-06-11 17:00"), "210100")
		if old {
			h.env.OnGetVersion(changeFlagCount, workflow.DefaultVersion, 1).Return(workflow.DefaultVersion)
		}
		h.flags = []store.Flag{{Kind: "overlap", PersonID: 3, IDNumberMasked: "2101**********1234", Filings: []int64{42, 17}},
			{Kind: "overlap", PersonID: 4, IDNumberMasked: "2101**********5678", Filings: []int64{42, 17}}}
		h.decide(at("2025-06-03 10:00"), "approve", cityRev, StepFiling, DecisionApprove, "")
		h.upload(at("2025-06-12 10:00"), "records-1", 1)
		var details string
		h.detailsAt(at("2025-06-12 10:01"), &details)
		h.decide(at("2025-06-12 11:00"), "return", cityRev, StepRecords, DecisionReturn, "第 3 行学分有误")
		h.upload(at("2025-06-13 10:00"), "records-2", 2)
		h.decide(at("2025-06-13 11:00"), "approve-2", cityRev, StepRecords, DecisionApprove, "")
		if got := h.run(); got != store.StageCompleted {
			t.Fatalf("old=%v: final stage %s", old, got)
		}
		counted, full := h.counted.Load(), h.full.Load()
		if old && (counted != 0 || full == 0) || !old && (counted == 0 || full != 0) {
			t.Errorf("old=%v: %d changes through ApplyFilingChangeCounted, %d through ApplyFilingChange", old, counted, full)
		}
		if !strings.Contains(details, "integrity flags: 2") {
			t.Errorf("old=%v: current details lack the flag count:\n%s", old, details)
		}
	}
}

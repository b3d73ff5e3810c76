package workflows

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"

	"github.com/liaoning-finance/cpe/activities"
	"github.com/liaoning-finance/cpe/calendar"
	"github.com/liaoning-finance/cpe/policy"
	"github.com/liaoning-finance/cpe/store"
)

// Actors of the tests.
var (
	institution   = store.Actor{AccountID: 10, Role: RoleInstitution, InstitutionID: 7}
	otherInst     = store.Actor{AccountID: 11, Role: RoleInstitution, InstitutionID: 8}
	countyRev     = store.Actor{AccountID: 20, Role: RoleReviewer, Region: "210102"}
	cityRev       = store.Actor{AccountID: 21, Role: RoleReviewer, Region: "210100"}
	provinceRev   = store.Actor{AccountID: 22, Role: RoleReviewer, Region: "210000"}
	otherCityRev  = store.Actor{AccountID: 23, Role: RoleReviewer, Region: "210300"}
	citySup       = store.Actor{AccountID: 30, Role: RoleSupervisor, Region: "210100"}
	otherCitySup  = store.Actor{AccountID: 31, Role: RoleSupervisor, Region: "210300"}
	shanghaiClock = calendar.Shanghai
)

// at is a wall-clock instant in Asia/Shanghai.
func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, shanghaiClock)
	if err != nil {
		panic(err)
	}
	return t
}

// fakeDB stands in for PostgreSQL behind the mocked activities.
type fakeDB struct {
	mu      sync.Mutex
	filing  store.Filing
	changes []store.FilingChange
	notes   []store.Notification
	created int
	flags   []store.Flag
}

func (db *fakeDB) applyChange(_ context.Context, ch store.FilingChange) ([]store.Flag, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	if ch.Filing.Seq > db.filing.Seq {
		db.filing = ch.Filing
		db.changes = append(db.changes, ch)
	}
	if ch.CheckOverlaps {
		return db.flags, nil
	}
	return nil, nil
}

func (db *fakeDB) notify(_ context.Context, n store.Notification) error {
	db.mu.Lock()
	defer db.mu.Unlock()
	for _, prev := range db.notes {
		if prev.DedupKey == n.DedupKey {
			return nil
		}
	}
	db.notes = append(db.notes, n)
	return nil
}

func (db *fakeDB) state() store.Filing {
	db.mu.Lock()
	defer db.mu.Unlock()
	return db.filing
}

func (db *fakeDB) notesOf(kind string) []store.Notification {
	db.mu.Lock()
	defer db.mu.Unlock()
	var out []store.Notification
	for _, n := range db.notes {
		if n.Kind == kind {
			out = append(out, n)
		}
	}
	return out
}

// lastChange returns the last change written.
func (db *fakeDB) lastChange() store.FilingChange {
	db.mu.Lock()
	defer db.mu.Unlock()
	return db.changes[len(db.changes)-1]
}

// harness runs one FilingWorkflow in the time-skipping test environment
// with activities backed by fakeDB and the built-in calendar and policy.
type harness struct {
	t   *testing.T
	env *testsuite.TestWorkflowEnvironment
	db  *fakeDB
	in  FilingInput
	t0  time.Time
}

// outcome records what happened to one Update.
type updateOutcome struct {
	accepted bool
	rejected error
	result   any
	err      error
	done     bool
}

func newHarness(t *testing.T, submitted, start, end time.Time, region string) *harness {
	var suite testsuite.WorkflowTestSuite
	env := suite.NewTestWorkflowEnvironment()
	env.SetStartTime(submitted)
	env.RegisterWorkflow(FilingWorkflow)
	env.RegisterActivity(&activities.Activities{})
	db := &fakeDB{}
	cal := calendar.New(calendar.Builtin()...)
	env.OnActivity(acts.Schedule, mock.Anything, mock.Anything).Return(
		func(_ context.Context, req activities.ScheduleRequest) (activities.Schedule, error) {
			return activities.ComputeSchedule(cal, req)
		}).After(tmpScheduleDelay)
	env.OnActivity(acts.Rules, mock.Anything, mock.Anything).Return(
		func(_ context.Context, year int) (activities.Rules, error) {
			for _, p := range policy.Builtin() {
				if p.Year == year {
					return activities.Rules{Year: year, Review: p.Review, RecordsDueWorkingDays: p.RecordsDueWorkingDays}, nil
				}
			}
			return activities.Rules{}, temporal.NewNonRetryableApplicationError("no policy", "NoPolicy", nil)
		})
	env.OnActivity(acts.CreateFiling, mock.Anything, mock.Anything).Return(
		func(context.Context, activities.CreateFilingInput) error {
			db.mu.Lock()
			defer db.mu.Unlock()
			db.created++
			return nil
		})
	env.OnActivity(acts.ApplyFilingChange, mock.Anything, mock.Anything).Return(db.applyChange)
	env.OnActivity(acts.Notify, mock.Anything, mock.Anything).Return(db.notify)
	city := region[:4] + "00"
	if region == "210000" {
		city = region
	}
	in := FilingInput{
		Filing: store.Filing{ID: 42, InstitutionID: 7, InstitutionName: "沈阳会计培训中心", Region: region, City: city,
			Title: "政府会计准则专题", Category: "professional", Level: "intermediate", Venue: "沈阳市和平区",
			StartAt: start, EndAt: end, Credits: 16, Year: calendar.DateOf(end).Year},
		Submitter: institution,
	}
	return &harness{t: t, env: env, db: db, in: in, t0: submitted}
}

// after returns the delay from the workflow's start to when.
func (h *harness) after(when time.Time) time.Duration {
	d := when.Sub(h.t0)
	if d <= 0 {
		h.t.Fatalf("%v is not after the start %v", when, h.t0)
	}
	return d
}

// update sends an Update at when; the outcome is filled in as it happens.
func (h *harness) update(when time.Time, name, id string, arg any) *updateOutcome {
	o := &updateOutcome{}
	h.env.RegisterDelayedCallback(func() {
		h.env.UpdateWorkflow(name, id, &testsuite.TestUpdateCallback{
			OnAccept:   func() { o.accepted = true },
			OnReject:   func(err error) { o.rejected = err },
			OnComplete: func(res any, err error) { o.result, o.err, o.done = res, err, true },
		}, arg)
	}, h.after(when))
	return o
}

// decide sends a decision at when.
func (h *harness) decide(when time.Time, id string, actor store.Actor, step, decision, reason string) *updateOutcome {
	return h.update(when, DecideUpdate, id, DecisionRequest{Step: step, Decision: decision, Reason: reason, Actor: actor})
}

// upload hands a records batch in at when.
func (h *harness) upload(when time.Time, id string, batch int64) *updateOutcome {
	return h.update(when, RecordsUpdate, id, RecordsRequest{Actor: institution, BatchID: batch})
}

// check runs fn at when, with the state as the read model has it then.
func (h *harness) check(when time.Time, fn func(f store.Filing)) {
	h.env.RegisterDelayedCallback(func() { fn(h.db.state()) }, h.after(when))
}

// run executes the workflow to its end and returns its final stage.
func (h *harness) run() string {
	h.t.Helper()
	h.env.ExecuteWorkflow(FilingWorkflow, h.in)
	if !h.env.IsWorkflowCompleted() {
		h.t.Fatal("workflow did not complete")
	}
	if err := h.env.GetWorkflowError(); err != nil {
		h.t.Fatalf("workflow failed: %v", err)
	}
	var stage string
	if err := h.env.GetWorkflowResult(&stage); err != nil {
		h.t.Fatal(err)
	}
	return stage
}

// wantOK fails unless the Update completed without error.
func wantOK(t *testing.T, name string, o *updateOutcome) {
	t.Helper()
	if o.rejected != nil || !o.accepted || !o.done || o.err != nil {
		t.Errorf("%s: accepted=%v rejected=%v done=%v err=%v", name, o.accepted, o.rejected, o.done, o.err)
	}
}

// wantRefused fails unless the Update was rejected with an application
// error of type typ.
func wantRefused(t *testing.T, name string, o *updateOutcome, typ string) {
	t.Helper()
	err := o.rejected
	if err == nil {
		err = o.err
	}
	var appErr *temporal.ApplicationError
	if err == nil || !errors.As(err, &appErr) || appErr.Type() != typ {
		t.Errorf("%s: want a %s refusal, got accepted=%v rejected=%v err=%v", name, typ, o.accepted, o.rejected, o.err)
	}
}

var tmpScheduleDelay time.Duration

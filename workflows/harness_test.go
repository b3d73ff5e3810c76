package workflows

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
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

// fakeDB stands in for PostgreSQL behind the mocked activities: the read
// model S of the filing or claim as last written, and the changes C.
type fakeDB[S, C any] struct {
	mu      sync.Mutex
	current S
	seq     int64
	changes []C
	notes   []store.Notification
	created int
}

// write keeps ch and the state s it carries when seq is newer.
func (db *fakeDB[S, C]) write(seq int64, s S, ch C) {
	db.mu.Lock()
	defer db.mu.Unlock()
	if seq > db.seq {
		db.seq, db.current = seq, s
		db.changes = append(db.changes, ch)
	}
}

func (db *fakeDB[S, C]) create() {
	db.mu.Lock()
	defer db.mu.Unlock()
	db.created++
}

func (db *fakeDB[S, C]) notify(_ context.Context, n store.Notification) error {
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

func (db *fakeDB[S, C]) state() S {
	db.mu.Lock()
	defer db.mu.Unlock()
	return db.current
}

func (db *fakeDB[S, C]) notesOf(kind string) []store.Notification {
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
func (db *fakeDB[S, C]) lastChange() C {
	db.mu.Lock()
	defer db.mu.Unlock()
	return db.changes[len(db.changes)-1]
}

// testRun runs one workflow in the time-skipping test environment with
// activities backed by a fakeDB and the built-in calendar and policy.
type testRun[S, C any] struct {
	t        *testing.T
	env      *testsuite.TestWorkflowEnvironment
	db       *fakeDB[S, C]
	t0       time.Time
	workflow any
	in       any
	schedule *testsuite.MockCallWrapper
}

// newTestRun prepares workflow with input in, submitted at submitted, and
// mocks the activities every workflow runs.
func newTestRun[S, C any](t *testing.T, submitted time.Time, workflow, in any) *testRun[S, C] {
	var suite testsuite.WorkflowTestSuite
	env := suite.NewTestWorkflowEnvironment()
	env.SetStartTime(submitted)
	env.RegisterWorkflow(workflow)
	env.RegisterActivity(&activities.Activities{})
	db := &fakeDB[S, C]{}
	cal := calendar.New(calendar.Builtin()...)
	schedule := env.OnActivity(acts.Schedule, mock.Anything, mock.Anything).Return(
		func(_ context.Context, req activities.ScheduleRequest) (activities.Schedule, error) {
			return activities.ComputeSchedule(cal, req)
		})
	env.OnActivity(acts.Rules, mock.Anything, mock.Anything).Return(
		func(_ context.Context, year int) (activities.Rules, error) {
			for _, p := range policy.Builtin() {
				if p.Year == year {
					return activities.Rules{Year: year, Review: p.Review, RecordsDueWorkingDays: p.RecordsDueWorkingDays}, nil
				}
			}
			return activities.Rules{}, temporal.NewNonRetryableApplicationError("no policy", "NoPolicy", nil)
		})
	env.OnActivity(acts.Notify, mock.Anything, mock.Anything).Return(db.notify)
	return &testRun[S, C]{t: t, env: env, db: db, t0: submitted, workflow: workflow, in: in, schedule: schedule}
}

// slowSchedule makes every deadline computation take d.
func (h *testRun[S, C]) slowSchedule(d time.Duration) {
	h.schedule.After(d)
}

// after returns the delay from the workflow's start to when.
func (h *testRun[S, C]) after(when time.Time) time.Duration {
	d := when.Sub(h.t0)
	if d <= 0 {
		h.t.Fatalf("%v is not after the start %v", when, h.t0)
	}
	return d
}

// update sends an Update at when; the outcome is filled in as it happens.
func (h *testRun[S, C]) update(when time.Time, name, id string, arg any) *updateOutcome {
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

// check runs fn at when, with the state as the read model has it then.
func (h *testRun[S, C]) check(when time.Time, fn func(S)) {
	h.env.RegisterDelayedCallback(func() { fn(h.db.state()) }, h.after(when))
}

// run executes the workflow to its end and returns its final stage.
func (h *testRun[S, C]) run() string {
	h.t.Helper()
	h.env.ExecuteWorkflow(h.workflow, h.in)
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

// harness runs one FilingWorkflow; flags are what the overlap check of the
// records finds.
type harness struct {
	*testRun[store.Filing, store.FilingChange]
	flags []store.Flag
	// counted is how many changes went through ApplyFilingChangeCounted,
	// full how many through ApplyFilingChange.
	counted, full atomic.Int32
}

func newHarness(t *testing.T, submitted, start, end time.Time, region string) *harness {
	in := FilingInput{
		Filing: store.Filing{ID: 42, InstitutionID: 7, InstitutionName: "沈阳会计培训中心", Region: region, City: cityOf(region),
			Title: "政府会计准则专题", Category: "professional", Level: "intermediate", Venue: "沈阳市和平区",
			StartAt: start, EndAt: end, Credits: 16, Year: calendar.DateOf(end).Year},
		Submitter: institution,
	}
	h := &harness{testRun: newTestRun[store.Filing, store.FilingChange](t, submitted, FilingWorkflow, in)}
	h.env.OnActivity(acts.CreateFiling, mock.Anything, mock.Anything).Return(
		func(context.Context, activities.CreateFilingInput) error { h.db.create(); return nil })
	apply := func(ch store.FilingChange) []store.Flag {
		h.db.write(ch.Filing.Seq, ch.Filing, ch)
		if ch.CheckOverlaps {
			return h.flags
		}
		return nil
	}
	// Runs on the path before version 1 of changeFlagCount get every flag.
	h.env.OnActivity(acts.ApplyFilingChange, mock.Anything, mock.Anything).Return(
		func(_ context.Context, ch store.FilingChange) ([]store.Flag, error) {
			h.full.Add(1)
			return apply(ch), nil
		})
	h.env.OnActivity(acts.ApplyFilingChangeCounted, mock.Anything, mock.Anything).Return(
		func(_ context.Context, ch store.FilingChange) (activities.FilingChangeResult, error) {
			h.counted.Add(1)
			return activities.FilingChangeResult{Flags: len(apply(ch))}, nil
		})
	return h
}

// cityOf is the city of a test region: the province stands for itself.
func cityOf(region string) string {
	if region == "210000" {
		return region
	}
	return region[:4] + "00"
}

// decide sends a decision at when.
func (h *harness) decide(when time.Time, id string, actor store.Actor, step, decision, reason string) *updateOutcome {
	return h.update(when, DecideUpdate, id, DecisionRequest{Step: step, Decision: decision, Reason: reason, Actor: actor})
}

// upload hands a records batch in at when.
func (h *harness) upload(when time.Time, id string, batch int64) *updateOutcome {
	return h.update(when, RecordsUpdate, id, RecordsRequest{Actor: institution, BatchID: batch})
}

// updateOutcome records what happened to one Update.
type updateOutcome struct {
	accepted bool
	rejected error
	result   any
	err      error
	done     bool
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

package workflows

import (
	"context"
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

// Applicants of the claim tests: the accountant (person 5) and another one.
var (
	applicant      = store.Actor{AccountID: 40, Role: roleApplicant}
	otherApplicant = store.Actor{AccountID: 41, Role: roleApplicant}
)

const (
	applicantPerson = 5
	otherPerson     = 6
)

// claimDB stands in for PostgreSQL behind the mocked claim activities.
type claimDB struct {
	mu      sync.Mutex
	claim   store.Claim
	changes []store.ClaimChange
	notes   []store.Notification
	created int
}

func (db *claimDB) applyChange(_ context.Context, ch store.ClaimChange) error {
	db.mu.Lock()
	defer db.mu.Unlock()
	if ch.Claim.Seq > db.claim.Seq {
		db.claim = ch.Claim
		db.changes = append(db.changes, ch)
	}
	return nil
}

func (db *claimDB) notify(_ context.Context, n store.Notification) error {
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

func (db *claimDB) state() store.Claim {
	db.mu.Lock()
	defer db.mu.Unlock()
	return db.claim
}

func (db *claimDB) notesOf(kind string) []store.Notification {
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

func (db *claimDB) lastChange() store.ClaimChange {
	db.mu.Lock()
	defer db.mu.Unlock()
	return db.changes[len(db.changes)-1]
}

// claimHarness runs one ClaimWorkflow in the time-skipping test environment
// with activities backed by claimDB and the built-in calendar and policy.
type claimHarness struct {
	t   *testing.T
	env *testsuite.TestWorkflowEnvironment
	db  *claimDB
	in  ClaimInput
	t0  time.Time
}

func newClaimHarness(t *testing.T, submitted time.Time, c store.Claim) *claimHarness {
	return newSlowClaimHarness(t, submitted, c, 0)
}

// newSlowClaimHarness is newClaimHarness with deadline computations that
// take scheduleDelay each.
func newSlowClaimHarness(t *testing.T, submitted time.Time, c store.Claim, scheduleDelay time.Duration) *claimHarness {
	var suite testsuite.WorkflowTestSuite
	env := suite.NewTestWorkflowEnvironment()
	env.SetStartTime(submitted)
	env.RegisterWorkflow(ClaimWorkflow)
	env.RegisterActivity(&activities.Activities{})
	db := &claimDB{}
	cal := calendar.New(calendar.Builtin()...)
	env.OnActivity(acts.Schedule, mock.Anything, mock.Anything).Return(
		func(_ context.Context, req activities.ScheduleRequest) (activities.Schedule, error) {
			return activities.ComputeSchedule(cal, req)
		}).After(scheduleDelay)
	env.OnActivity(acts.Rules, mock.Anything, mock.Anything).Return(
		func(_ context.Context, year int) (activities.Rules, error) {
			for _, p := range policy.Builtin() {
				if p.Year == year {
					return activities.Rules{Year: year, Review: p.Review, RecordsDueWorkingDays: p.RecordsDueWorkingDays}, nil
				}
			}
			return activities.Rules{}, temporal.NewNonRetryableApplicationError("no policy", "NoPolicy", nil)
		})
	env.OnActivity(acts.CreateClaim, mock.Anything, mock.Anything).Return(
		func(context.Context, activities.CreateClaimInput) error {
			db.mu.Lock()
			defer db.mu.Unlock()
			db.created++
			return nil
		})
	env.OnActivity(acts.ApplyClaimChange, mock.Anything, mock.Anything).Return(db.applyChange)
	env.OnActivity(acts.Notify, mock.Anything, mock.Anything).Return(db.notify)
	c.ID, c.PersonID = 77, applicantPerson
	if c.Region == "" {
		c.Region = "210102"
	}
	c.City = c.Region[:4] + "00"
	if c.Region == "210000" {
		c.City = c.Region
	}
	if c.PolicyYear == 0 {
		c.PolicyYear = c.Year
	}
	return &claimHarness{t: t, env: env, db: db, in: ClaimInput{Claim: c, Submitter: applicant}, t0: submitted}
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

func (h *claimHarness) after(when time.Time) time.Duration {
	d := when.Sub(h.t0)
	if d <= 0 {
		h.t.Fatalf("%v is not after the start %v", when, h.t0)
	}
	return d
}

// update sends an Update at when; the outcome is filled in as it happens.
func (h *claimHarness) update(when time.Time, name, id string, arg any) *updateOutcome {
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

// decide sends a decision at when; credits nil approves what was claimed.
func (h *claimHarness) decide(when time.Time, id string, actor store.Actor, decision, reason string, credits *store.ClaimCredits) *updateOutcome {
	return h.update(when, DecideUpdate, id, ClaimDecisionRequest{DecisionRequest: DecisionRequest{Step: StepClaim,
		Decision: decision, Reason: reason, Actor: actor}, Credits: credits, Proofs: 1})
}

// withdraw sends the applicant's withdrawal at when.
func (h *claimHarness) withdraw(when time.Time, id string, actor store.Actor, person int64) *updateOutcome {
	return h.update(when, WithdrawUpdate, id, ClaimWithdrawRequest{Actor: actor, PersonID: person, Reason: "重复申请"})
}

// check runs fn at when, with the state as the read model has it then.
func (h *claimHarness) check(when time.Time, fn func(c store.Claim)) {
	h.env.RegisterDelayedCallback(func() { fn(h.db.state()) }, h.after(when))
}

// run executes the workflow to its end and returns its final stage.
func (h *claimHarness) run() string {
	h.t.Helper()
	h.env.ExecuteWorkflow(ClaimWorkflow, h.in)
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

package workflows

import (
	"fmt"
	"time"

	"go.temporal.io/sdk/workflow"

	"github.com/liaoning-finance/cpe/activities"
	"github.com/liaoning-finance/cpe/calendar"
	"github.com/liaoning-finance/cpe/codes"
	"github.com/liaoning-finance/cpe/policy"
	"github.com/liaoning-finance/cpe/store"
)

// DecideUpdate is the name of the Update that takes a review decision; its
// argument is a DecisionRequest.
const DecideUpdate = "decide"

// Review decisions.
const (
	DecisionApprove = "approve"
	DecisionReject  = "reject"
	DecisionReturn  = "return"
)

// DecisionRequest is the argument of the DecideUpdate: the decision and the
// actor the API resolved from the bearer token.
type DecisionRequest struct {
	// Step is the review step decided, e.g. "filing" or "records".
	Step     string `json:"step"`
	Decision string `json:"decision"`
	// Reason is required to reject or return.
	Reason string      `json:"reason"`
	Actor  store.Actor `json:"actor"`
}

// Decision is a decision that took effect, with the review's state then.
type Decision struct {
	DecisionRequest
	// RequestID is the id of the Update that carried it.
	RequestID       string    `json:"request_id"`
	At              time.Time `json:"at"`
	AssignedRegion  string    `json:"assigned_region"`
	EscalationLevel int       `json:"escalation_level"`
	Round           int       `json:"round"`
}

// ReviewSpec says what is reviewed, by which department and under which
// rules.
type ReviewSpec struct {
	// SubjectKind is "filing" or "claim"; SubjectID its id.
	SubjectKind string
	SubjectID   int64
	// Step names the review within its subject, e.g. "records".
	Step string
	// Label names the item in notifications, e.g. "面授备案 #12「…」".
	Label string
	// Region is the item's region: its home department reviews it.
	Region string
	// StartRegion is where the review starts when it starts escalated
	// (e.g. late records); "" starts at the home department.
	StartRegion string
	// SupervisorOnly lets only supervisors decide.
	SupervisorOnly bool
	// Round counts the reviews of this step, from 1; ReturnsLeft is how
	// many more times it may be returned.
	Round       int
	ReturnsLeft int
	// Rules are the policy's deadlines.
	Rules policy.Review
}

// Review is one review step of an item: its assigned department, the
// deadline, reminder and escalations, and the decision. A workflow creates
// it with NewReview, checks decisions with Check in its DecideUpdate
// validator, hands a checked decision over with Accept, and runs it with Run.
type Review struct {
	Spec ReviewSpec
	// home is the department of the item's region.
	home codes.Region
	// Assigned is the department holding the review now.
	Assigned codes.Region
	// EscalationLevel is how many levels Assigned is above home.
	EscalationLevel int
	// Due is the current deadline, FollowUp the second escalation.
	Due      calendar.Deadline
	FollowUp *calendar.Deadline
	Overdue  bool
	// Open is true from Run's start until a decision or a stop.
	Open     bool
	decision *Decision
}

// NewReview prepares a review of spec at its home (or start) department.
func NewReview(spec ReviewSpec) (*Review, error) {
	home, err := codes.ParseRegion(spec.Region)
	if err != nil {
		return nil, fmt.Errorf("review of %s %d: %w", spec.SubjectKind, spec.SubjectID, err)
	}
	r := &Review{Spec: spec, home: home, Assigned: home}
	if spec.StartRegion != "" {
		start, err := codes.ParseRegion(spec.StartRegion)
		if err != nil {
			return nil, fmt.Errorf("review of %s %d: start: %w", spec.SubjectKind, spec.SubjectID, err)
		}
		r.assign(start)
	}
	return r, nil
}

// Decided returns the decision accepted, or nil.
func (r *Review) Decided() *Decision { return r.decision }

// Item returns the review's row of the review inbox.
func (r *Review) Item(title string) store.ReviewItem {
	var due *time.Time
	if !r.Due.At.IsZero() {
		at := r.Due.At
		due = &at
	}
	return store.ReviewItem{SubjectKind: r.Spec.SubjectKind, SubjectID: r.Spec.SubjectID, Step: r.Spec.Step,
		Title: title, Region: r.Spec.Region, AssignedRegion: r.Assigned.Code, EscalationLevel: r.EscalationLevel,
		DueAt: due, Overdue: r.Overdue, Open: r.Open}
}

// shown is what its subject shows of the open review: the department
// holding it, the escalation level, the deadline and whether it passed.
func (r *Review) shown() (assigned string, level int, due *time.Time, overdue bool) {
	at := r.Due.At
	return r.Assigned.Code, r.EscalationLevel, &at, r.Overdue
}

// assign hands the review to dept.
func (r *Review) assign(dept codes.Region) {
	r.Assigned = dept
	r.EscalationLevel = max(0, int(dept.Level)-int(r.home.Level))
}

// Accept takes a decision that passed Check, with the id of the Update
// carrying it; Run returns it.
func (r *Review) Accept(ctx workflow.Context, req DecisionRequest) {
	r.decision = &Decision{DecisionRequest: req, RequestID: workflow.GetCurrentUpdateInfo(ctx).ID,
		At: workflow.Now(ctx), AssignedRegion: r.Assigned.Code, EscalationLevel: r.EscalationLevel, Round: r.Spec.Round}
}

// Run opens the review and waits until a decision is accepted or stop
// reports true (nil decision). It computes the deadline, sends the reminder
// and escalates at the deadlines; persist is called after each change of
// the review's state and must write it to the read model.
func (r *Review) Run(ctx workflow.Context, persist func(workflow.Context) error, stop func() bool) (*Decision, error) {
	rules := r.Spec.Rules
	var sched activities.Schedule
	if err := workflow.ExecuteActivity(ctx, acts.Schedule, activities.ScheduleRequest{
		From: calendar.DateOf(workflow.Now(ctx)), WorkingDays: rules.DeadlineWorkingDays,
		ReminderBefore: rules.ReminderWorkingDaysBefore, FollowUpWorkingDays: rules.SecondEscalationWorkingDays,
	}).Get(ctx, &sched); err != nil {
		return nil, err
	}
	r.Due, r.FollowUp, r.Open = sched.Due, sched.FollowUp, true
	if err := persist(ctx); err != nil {
		return nil, err
	}
	timers, cancel := workflow.WithCancel(ctx)
	defer cancel()
	var reminderDue, deadlinePassed, followUpPassed, reminded, followedUp bool
	if sched.ReminderAt != nil {
		startTimer(timers, *sched.ReminderAt, "review reminder", &reminderDue)
	}
	startDeadlineTimer(timers, r.Due.At, "review deadline", &deadlinePassed)
	if r.FollowUp != nil {
		startDeadlineTimer(timers, r.FollowUp.At, "review second escalation", &followUpPassed)
	}
	for {
		if err := workflow.Await(ctx, func() bool {
			return r.decision != nil || stop() || (reminderDue && !reminded) ||
				(deadlinePassed && !r.Overdue) || (followUpPassed && !followedUp)
		}); err != nil {
			return nil, err
		}
		var err error
		switch {
		case r.decision != nil:
			r.Open = false
			return r.decision, nil
		case stop():
			r.Open = false
			return nil, nil
		case reminderDue && !reminded:
			reminded = true
			err = r.notify(ctx, "review_reminder", fmt.Sprintf("%s 待审核，将于 %s 到期", r.Spec.Label, formatDeadline(r.Due)))
		case deadlinePassed && !r.Overdue:
			r.Overdue = true
			if up, ok := r.Assigned.Parent(); ok {
				r.assign(up)
			}
			err = r.escalated(ctx, persist, "deadline")
		default:
			followedUp = true
			r.assign(codes.Region{Code: codes.ProvinceCode, Level: codes.Province})
			err = r.escalated(ctx, persist, "second")
		}
		if err != nil {
			return nil, err
		}
	}
}

// escalated persists an escalation and tells the department now holding it.
func (r *Review) escalated(ctx workflow.Context, persist func(workflow.Context) error, which string) error {
	if err := persist(ctx); err != nil {
		return err
	}
	return r.notify(ctx, "review_escalated_"+which, fmt.Sprintf("%s 审核已逾期（期限 %s），已升级至 %s 办理",
		r.Spec.Label, formatDeadline(r.Due), r.Assigned.Name()))
}

// notify queues a message to the department holding the review, once per
// round, kind and department.
func (r *Review) notify(ctx workflow.Context, kind, message string) error {
	return notify(ctx, store.Notification{Kind: kind, Region: r.Assigned.Code, SubjectKind: r.Spec.SubjectKind,
		SubjectID: fmt.Sprint(r.Spec.SubjectID), Message: message,
		DedupKey: fmt.Sprintf("%s:%d:%s:%d:%s:%s", r.Spec.SubjectKind, r.Spec.SubjectID, r.Spec.Step, r.Spec.Round,
			kind, r.Assigned.Code)})
}

// formatDeadline shows a deadline for people, marking a provisional one.
func formatDeadline(d calendar.Deadline) string {
	s := d.At.In(calendar.Shanghai).Format("2006-01-02 15:04")
	if d.Provisional {
		s += "（暂定：该年节假日数据未载入）"
	}
	return s
}

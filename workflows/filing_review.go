package workflows

import (
	"fmt"

	"go.temporal.io/sdk/workflow"

	"github.com/liaoning-finance/cpe/activities"
	"github.com/liaoning-finance/cpe/calendar"
	"github.com/liaoning-finance/cpe/store"
)

// label names the filing in notifications; it names no person.
func (r *filingRun) label() string {
	return fmt.Sprintf("面授备案 #%d「%s」", r.f.ID, r.f.Title)
}

// openReview starts the review of step at the filing's department (or at
// startRegion) and runs it until a decision or stop.
func (r *filingRun) openReview(ctx workflow.Context, step string, returns int, startRegion string, supervisorOnly bool,
	stop func() bool) (*Decision, error) {
	rev, err := NewReview(ReviewSpec{SubjectKind: kindFiling, SubjectID: r.f.ID, Step: step, Label: r.label(),
		Region: r.f.Region, StartRegion: startRegion, SupervisorOnly: supervisorOnly, Round: returns + 1,
		ReturnsLeft: r.rules.Review.MaxReturnRounds - returns, Rules: r.rules.Review})
	if err != nil {
		return nil, err
	}
	r.review = rev
	r.f.ReviewStep, r.f.SupervisorRequired = step, supervisorOnly
	return rev.Run(ctx, r.persistReview, stop)
}

// persistReview writes the review's state (with any change waiting for the
// review to open) to the read model.
func (r *filingRun) persistReview(ctx workflow.Context) error {
	r.f.AssignedRegion, r.f.EscalationLevel, r.f.ReviewDueAt, r.f.Overdue = r.review.shown()
	item := r.review.Item(r.f.Title)
	ch := r.onOpen
	r.onOpen = store.FilingChange{}
	ch.Review = &item
	return r.persist(ctx, ch)
}

// closeReview clears the review from the filing after a decision or a stop
// and returns its closed inbox row.
func (r *filingRun) closeReview() *store.ReviewItem {
	r.f.ReviewStep, r.f.AssignedRegion, r.f.EscalationLevel, r.f.ReviewDueAt = "", "", 0, nil
	r.f.Overdue, r.f.SupervisorRequired = false, false
	item := r.review.Item(r.f.Title)
	return &item
}

// decisionRow is the read-model row of a decision.
func decisionRow(d *Decision) *store.FilingDecision {
	return &store.FilingDecision{Step: d.Step, Decision: d.Decision, Reason: d.Reason, Actor: d.Actor,
		AssignedRegion: d.AssignedRegion, EscalationLevel: d.EscalationLevel, Round: d.Round,
		RequestID: d.RequestID, DecidedAt: d.At}
}

// filingReview runs the filing review until a decision, a withdrawal or
// the training's start.
func (r *filingRun) filingReview(ctx workflow.Context) error {
	dec, err := r.openReview(ctx, StepFiling, r.f.FilingReturns, "", false,
		func() bool { return r.withdraw != nil || r.started })
	switch {
	case err != nil:
		return err
	case dec != nil:
		return r.decideFiling(ctx, dec)
	case r.withdraw != nil:
		return r.doWithdraw(ctx)
	}
	return r.lapse(ctx)
}

// decideFiling applies the filing review's decision.
func (r *filingRun) decideFiling(ctx workflow.Context, dec *Decision) error {
	item := r.closeReview()
	switch dec.Decision {
	case DecisionApprove:
		r.stopWatching()
		if err := r.scheduleRecords(ctx); err != nil {
			return err
		}
		r.f.Stage = store.StageApproved
	case DecisionReject:
		r.f.Stage = store.StageRejected
	case DecisionReturn:
		r.f.Stage = store.StageFilingReturned
		r.f.FilingReturns++
	}
	r.acks = append(r.acks, dec.RequestID)
	return r.persist(ctx, store.FilingChange{Review: item, Decision: decisionRow(dec)})
}

// scheduleRecords computes the records deadline from the training's end.
func (r *filingRun) scheduleRecords(ctx workflow.Context) error {
	sched, err := r.schedule(ctx, calendar.DateOf(r.f.EndAt), r.rules.RecordsDueWorkingDays)
	if err != nil {
		return err
	}
	r.recordsSched = sched
	due, at := sched.Due.Date, sched.Due.At
	r.f.RecordsDue, r.f.RecordsDueAt, r.f.RecordsDueProvisional = &due, &at, sched.Due.Provisional
	return nil
}

// schedule computes a deadline workingDays after from, with the review
// rules' reminder and second escalation.
func (r *filingRun) schedule(ctx workflow.Context, from calendar.Date, workingDays int) (activities.Schedule, error) {
	var sched activities.Schedule
	err := workflow.ExecuteActivity(ctx, acts.Schedule, activities.ScheduleRequest{From: from, WorkingDays: workingDays,
		ReminderBefore:      r.rules.Review.ReminderWorkingDaysBefore,
		FollowUpWorkingDays: r.rules.Review.SecondEscalationWorkingDays}).Get(ctx, &sched)
	return sched, err
}

// filingReturned waits for the institution's amendment, a withdrawal or
// the training's start.
func (r *filingRun) filingReturned(ctx workflow.Context) error {
	if err := workflow.Await(ctx, func() bool { return r.amend != nil || r.withdraw != nil || r.started }); err != nil {
		return err
	}
	switch {
	case r.amend != nil:
		return r.applyAmend(ctx)
	case r.withdraw != nil:
		return r.doWithdraw(ctx)
	}
	return r.lapse(ctx)
}

// applyAmend takes the amended data; the next filing review writes it with
// the audit line when it opens, and answers the Update then.
func (r *filingRun) applyAmend(ctx workflow.Context) error {
	req := take(&r.subject, &r.amend)
	yearChanged := req.Year != r.f.Year
	r.f.Title, r.f.Category, r.f.Level, r.f.Venue = req.Title, req.Category, req.Level, req.Venue
	r.f.StartAt, r.f.EndAt, r.f.Credits, r.f.Year = req.StartAt, req.EndAt, req.Credits, req.Year
	r.f.Stage = store.StageFilingReview
	audit := r.audit(req.Actor, "filing.amend", map[string]any{"title": req.Title, "category": req.Category,
		"level": req.Level, "venue": req.Venue, "start_at": req.StartAt, "end_at": req.EndAt, "credits": req.Credits,
		"round": r.f.FilingReturns + 1})
	r.onOpen = store.FilingChange{Audit: &audit}
	r.watchStart(ctx)
	if yearChanged {
		return r.loadRules(ctx)
	}
	return nil
}

// doWithdraw ends the filing as withdrawn by the institution.
func (r *filingRun) doWithdraw(ctx workflow.Context) error {
	w := take(&r.subject, &r.withdraw)
	var item *store.ReviewItem
	if r.review != nil && r.f.Stage == store.StageFilingReview {
		item = r.closeReview()
	}
	r.f.Stage = store.StageWithdrawn
	audit := r.audit(w.Actor, "filing.withdraw", map[string]any{"reason": w.Reason})
	return r.persist(ctx, store.FilingChange{Review: item, Audit: &audit})
}

// lapse ends a filing whose training started before it was approved.
func (r *filingRun) lapse(ctx workflow.Context) error {
	var item *store.ReviewItem
	if r.f.Stage == store.StageFilingReview {
		item = r.closeReview()
	}
	r.f.Stage = store.StageLapsed
	audit := r.audit(store.SystemActor, "filing.lapse", map[string]any{"start_at": r.f.StartAt})
	return r.persist(ctx, store.FilingChange{Review: item, Audit: &audit})
}

// approved waits for the training to end (or a withdrawal before it
// starts), then for the records.
func (r *filingRun) approved(ctx workflow.Context) error {
	timers, cancel := workflow.WithCancel(ctx)
	defer cancel()
	var ended bool
	startTimer(timers, r.f.EndAt, "training end", &ended)
	if err := workflow.Await(ctx, func() bool { return ended || r.withdraw != nil }); err != nil {
		return err
	}
	if r.withdraw != nil {
		return r.doWithdraw(ctx)
	}
	if r.f.RecordsDueProvisional {
		if err := r.scheduleRecords(ctx); err != nil {
			return err
		}
	}
	r.f.Stage = store.StageAwaitingRecords
	return r.persist(ctx, store.FilingChange{})
}

package workflows

import (
	"go.temporal.io/sdk/workflow"

	"github.com/liaoning-finance/cpe/activities"
	"github.com/liaoning-finance/cpe/store"
)

// FilingWorkflow runs one face-to-face training filing through its whole
// lifecycle (DESIGN.md §4): filing review (with returns and amendments,
// withdrawal, lapse at the start), the wait for the training's end, the
// records deadline with its escalations, the records review, and the
// posting of the credits. It returns the final stage.
//
// Every change is written to the read model in PostgreSQL by an activity
// before the Update that caused it returns, and shown in the search
// attributes and current details.
func FilingWorkflow(ctx workflow.Context, in FilingInput) (string, error) {
	ctx = withActivityOptions(ctx)
	r := newFilingRun(in)
	if err := r.register(ctx); err != nil {
		return "", err
	}
	if err := workflow.ExecuteActivity(ctx, acts.CreateFiling,
		activities.CreateFilingInput{Filing: r.f, Actor: in.Submitter}).Get(ctx, nil); err != nil {
		return "", err
	}
	if err := r.loadRules(ctx); err != nil {
		return "", err
	}
	r.watchStart(ctx)
	for !terminal(r.f.Stage) {
		var err error
		switch r.f.Stage {
		case store.StageFilingReview:
			err = r.filingReview(ctx)
		case store.StageFilingReturned:
			err = r.filingReturned(ctx)
		case store.StageApproved:
			err = r.approved(ctx)
		case store.StageAwaitingRecords, store.StageRecordsReturned:
			err = r.awaitRecords(ctx)
		case store.StageRecordsReview:
			err = r.recordsReview(ctx)
		}
		if err != nil {
			return "", err
		}
	}
	r.refusePending(pendingID(r.withdraw), pendingID(r.amend), pendingID(r.records))
	if err := workflow.Await(ctx, func() bool { return workflow.AllHandlersFinished(ctx) }); err != nil {
		return "", err
	}
	return r.f.Stage, nil
}

// terminal reports whether a filing stage ends the workflow.
func terminal(stage string) bool {
	switch stage {
	case store.StageCompleted, store.StageRejected, store.StageWithdrawn, store.StageLapsed:
		return true
	}
	return false
}

// filingRun is the state of one FilingWorkflow run.
type filingRun struct {
	subject
	// f is the read model as the workflow sees it; every change goes
	// through persist.
	f         store.Filing
	submitter store.Actor
	rules     activities.Rules
	// flags counts the integrity flags of the records review.
	flags int
	// started is set by the "training start" timer.
	started   bool
	stopWatch workflow.CancelFunc
	// recordsSched holds the reminder and second escalation of the records
	// (or correction) deadline.
	recordsSched activities.Schedule

	// Accepted Updates waiting for the main loop.
	withdraw *pending[WithdrawRequest]
	amend    *pending[AmendRequest]
	records  *pending[RecordsRequest]
	// onOpen is merged into the change that opens the next review.
	onOpen store.FilingChange
}

func newFilingRun(in FilingInput) *filingRun {
	f := in.Filing
	f.Stage, f.ReviewStep, f.WorkflowID, f.Seq = store.StageFilingReview, StepFiling, store.FilingWorkflowID(f.ID), 0
	f.Decisions, f.Flags = nil, nil
	r := &filingRun{f: f, submitter: in.Submitter}
	r.subject = newSubject(kindFiling, f.ID, func() string { return r.f.Stage }, r.reviewStep)
	return r
}

// loadRules reads the policy rules of the filing's year.
func (r *filingRun) loadRules(ctx workflow.Context) error {
	return workflow.ExecuteActivity(ctx, acts.Rules, r.f.Year).Get(ctx, &r.rules)
}

// watchStart (re)starts the "training start" timer at the filing's start.
func (r *filingRun) watchStart(ctx workflow.Context) {
	r.stopWatching()
	wctx, cancel := workflow.WithCancel(ctx)
	r.stopWatch, r.started = cancel, false
	startTimer(wctx, r.f.StartAt, "training start", &r.started)
}

// stopWatching cancels the "training start" timer.
func (r *filingRun) stopWatching() {
	if r.stopWatch != nil {
		r.stopWatch()
		r.stopWatch = nil
	}
}

// persist writes the current state with ch in one activity, then shows it
// (with the integrity flags a records review opened with) in the UI and
// answers the Updates waiting for it.
func (r *filingRun) persist(ctx workflow.Context, ch store.FilingChange) error {
	r.f.Seq++
	ch.Filing = r.f
	flags, err := r.applyChange(ctx, ch)
	if err != nil {
		return err
	}
	if ch.CheckOverlaps {
		r.flags = flags
	}
	if err := r.publish(ctx); err != nil {
		return err
	}
	r.answer(r.f.Seq)
	return nil
}

// applyChange writes ch to the read model and returns the number of
// integrity flags of its review item: only that number reaches the history
// since version 1 of changeFlagCount; before, every flag did.
func (r *filingRun) applyChange(ctx workflow.Context, ch store.FilingChange) (int, error) {
	if workflow.GetVersion(ctx, changeFlagCount, workflow.DefaultVersion, 1) == workflow.DefaultVersion {
		var flags []store.Flag
		err := workflow.ExecuteActivity(ctx, acts.ApplyFilingChange, ch).Get(ctx, &flags)
		return len(flags), err
	}
	var res activities.FilingChangeResult
	err := workflow.ExecuteActivity(ctx, acts.ApplyFilingChangeCounted, ch).Get(ctx, &res)
	return res.Flags, err
}

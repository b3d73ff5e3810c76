package workflows

import (
	"strings"
	"unicode/utf8"

	"go.temporal.io/sdk/workflow"

	"github.com/liaoning-finance/cpe/store"
)

// register installs the filing's Update handlers with their validators.
func (r *filingRun) register(ctx workflow.Context) error {
	handlers := []struct {
		name, description  string
		handler, validator any
	}{
		{DecideUpdate, "approve, reject or return the open review", r.decide, r.validateDecision},
		{AmendUpdate, "resubmit a returned filing", r.amendFiling, r.validateAmend},
		{WithdrawUpdate, "withdraw the filing before the training starts", r.withdrawFiling, r.validateWithdraw},
		{RecordsUpdate, "hand in an uploaded attendance-records batch", r.submitRecords, r.validateRecords},
	}
	for _, h := range handlers {
		if err := workflow.SetUpdateHandlerWithOptions(ctx, h.name, h.handler, workflow.UpdateHandlerOptions{
			Validator: h.validator, Description: h.description,
		}); err != nil {
			return err
		}
	}
	return nil
}

// wait blocks the current Update until the main loop answered it.
func (r *filingRun) wait(ctx workflow.Context) (FilingUpdateResult, error) {
	id := workflow.GetCurrentUpdateInfo(ctx).ID
	if err := workflow.Await(ctx, func() bool { _, ok := r.outcomes[id]; return ok }); err != nil {
		return FilingUpdateResult{}, err
	}
	o := r.outcomes[id]
	return o.result, o.err
}

// stageStep is the review step and round of the filing's stage, or "" when
// the stage is not a review.
func (r *filingRun) stageStep() (string, int) {
	switch r.f.Stage {
	case store.StageFilingReview:
		return StepFiling, r.f.FilingReturns + 1
	case store.StageRecordsReview:
		return StepRecords, r.f.RecordsReturns + 1
	}
	return "", 0
}

// stageReview is the review of the filing's stage once it is open (or
// decided); nil while it is being opened or when the stage is no review.
func (r *filingRun) stageReview() *Review {
	step, round := r.stageStep()
	rev := r.review
	if step == "" || rev == nil || rev.Spec.Step != step || rev.Spec.Round != round || (!rev.Open && rev.Decided() == nil) {
		return nil
	}
	return rev
}

// validateDecision checks a decision against the open review or, while the
// review of the stage is still being opened, everything but the holder.
func (r *filingRun) validateDecision(_ workflow.Context, req DecisionRequest) error {
	if rev := r.stageReview(); rev != nil {
		return rev.Check(req)
	}
	step, _ := r.stageStep()
	if step == "" {
		return conflict("the filing is at stage %s: no review is open", r.f.Stage)
	}
	if req.Actor.Role != RoleReviewer && req.Actor.Role != RoleSupervisor {
		return forbidden("only a reviewer or supervisor may decide a review, not a %s", req.Actor.Role)
	}
	if req.Step != step {
		return conflict("the filing is at the %s review, not the %q review", step, req.Step)
	}
	return checkInput(req, 1)
}

// decide takes a decision once the stage's review is open: a decision
// sent while it opens waits for it.
func (r *filingRun) decide(ctx workflow.Context, req DecisionRequest) (FilingUpdateResult, error) {
	if err := workflow.Await(ctx, func() bool { step, _ := r.stageStep(); return r.stageReview() != nil || step == "" }); err != nil {
		return FilingUpdateResult{}, err
	}
	rev := r.stageReview()
	if rev == nil {
		return FilingUpdateResult{}, conflict("the filing is at stage %s: no review is open", r.f.Stage)
	}
	if err := rev.Check(req); err != nil {
		return FilingUpdateResult{}, err
	}
	rev.Accept(ctx, req)
	return r.wait(ctx)
}

// checkInstitution lets through only the filing's own institution.
func (r *filingRun) checkInstitution(a store.Actor) error {
	if a.Role != RoleInstitution || a.InstitutionID != r.f.InstitutionID {
		return forbidden("only the institution that filed the training may change it")
	}
	return nil
}

func (r *filingRun) validateWithdraw(ctx workflow.Context, req WithdrawRequest) error {
	if err := r.checkInstitution(req.Actor); err != nil {
		return err
	}
	switch r.f.Stage {
	case store.StageFilingReview, store.StageFilingReturned, store.StageApproved:
	default:
		return conflict("a filing at stage %s cannot be withdrawn", r.f.Stage)
	}
	if !workflow.Now(ctx).Before(r.f.StartAt) {
		return conflict("the training has started: it can no longer be withdrawn")
	}
	if r.withdraw != nil {
		return conflict("the filing is being withdrawn already")
	}
	if utf8.RuneCountInString(req.Reason) > maxReasonLength {
		return invalid("reason", "at most %d characters", maxReasonLength)
	}
	return nil
}

func (r *filingRun) withdrawFiling(ctx workflow.Context, req WithdrawRequest) (FilingUpdateResult, error) {
	if err := r.validateWithdraw(ctx, req); err != nil {
		return FilingUpdateResult{}, err
	}
	r.withdraw = &pending[WithdrawRequest]{id: workflow.GetCurrentUpdateInfo(ctx).ID, req: req}
	return r.wait(ctx)
}

func (r *filingRun) validateAmend(ctx workflow.Context, req AmendRequest) error {
	if err := r.checkInstitution(req.Actor); err != nil {
		return err
	}
	if r.f.Stage != store.StageFilingReturned || r.amend != nil {
		return conflict("only a returned filing can be amended; this one is at stage %s", r.f.Stage)
	}
	switch {
	case strings.TrimSpace(req.Title) == "":
		return invalid("title", "required")
	case strings.TrimSpace(req.Venue) == "":
		return invalid("venue", "required")
	case !req.StartAt.After(workflow.Now(ctx)):
		return invalid("start_at", "must be in the future")
	case !req.EndAt.After(req.StartAt):
		return invalid("end_at", "must be after start_at")
	case !(req.Credits > 0):
		return invalid("credits", "must be greater than 0")
	}
	return nil
}

func (r *filingRun) amendFiling(ctx workflow.Context, req AmendRequest) (FilingUpdateResult, error) {
	if err := r.validateAmend(ctx, req); err != nil {
		return FilingUpdateResult{}, err
	}
	r.amend = &pending[AmendRequest]{id: workflow.GetCurrentUpdateInfo(ctx).ID, req: req}
	return r.wait(ctx)
}

func (r *filingRun) validateRecords(_ workflow.Context, req RecordsRequest) error {
	if err := r.checkInstitution(req.Actor); err != nil {
		return err
	}
	if r.f.Stage != store.StageAwaitingRecords && r.f.Stage != store.StageRecordsReturned || r.records != nil {
		return conflict("the filing is at stage %s: it takes attendance records only after the training, until they are in review", r.f.Stage)
	}
	if req.BatchID <= 0 {
		return invalid("batch_id", "required")
	}
	return nil
}

func (r *filingRun) submitRecords(ctx workflow.Context, req RecordsRequest) (FilingUpdateResult, error) {
	if err := r.validateRecords(ctx, req); err != nil {
		return FilingUpdateResult{}, err
	}
	r.records = &pending[RecordsRequest]{id: workflow.GetCurrentUpdateInfo(ctx).ID, req: req}
	return r.wait(ctx)
}

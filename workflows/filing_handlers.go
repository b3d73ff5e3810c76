package workflows

import (
	"strings"
	"unicode/utf8"

	"go.temporal.io/sdk/workflow"

	"github.com/liaoning-finance/cpe/store"
)

// register installs the filing's Update handlers with their validators.
func (r *filingRun) register(ctx workflow.Context) error {
	return setUpdateHandlers(ctx,
		updateHandler{DecideUpdate, "approve, reject or return the open review", r.decide, r.validateDecision},
		queued(&r.subject, AmendUpdate, "resubmit a returned filing", &r.amend, r.validateAmend),
		queued(&r.subject, WithdrawUpdate, "withdraw the filing before the training starts", &r.withdraw, r.validateWithdraw),
		queued(&r.subject, RecordsUpdate, "hand in an uploaded attendance-records batch", &r.records, r.validateRecords),
	)
}

// reviewStep is the review step and round of the filing's stage, or ""
// when the stage is not a review or the filing review is being stopped.
func (r *filingRun) reviewStep() (string, int) {
	switch {
	case r.f.Stage == store.StageFilingReview && r.withdraw == nil && !r.started:
		return StepFiling, r.f.FilingReturns + 1
	case r.f.Stage == store.StageRecordsReview:
		return StepRecords, r.f.RecordsReturns + 1
	}
	return "", 0
}

// validateDecision checks a decision as the review step does (see
// subject.validateDecision), and refuses a decision of the filing review
// once the training has started: the "training start" timer that stops the
// review may fire in the same workflow task as the Update, after it runs,
// and the filing lapses then.
func (r *filingRun) validateDecision(ctx workflow.Context, req DecisionRequest) error {
	if err := r.subject.validateDecision(req); err != nil {
		return err
	}
	if req.Step == StepFiling && !workflow.Now(ctx).Before(r.f.StartAt) {
		return conflict("the training has started: the filing can no longer be decided")
	}
	return nil
}

// decide takes a decision once the stage's review is open: a decision
// sent while it opens waits for it.
func (r *filingRun) decide(ctx workflow.Context, req DecisionRequest) (UpdateResult, error) {
	rev, err := r.awaitReview(ctx, req)
	if err != nil {
		return UpdateResult{}, err
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

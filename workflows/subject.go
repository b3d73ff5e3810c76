package workflows

import (
	"go.temporal.io/sdk/workflow"
)

// UpdateResult is what a filing or claim Update returns once its change
// took effect and is in the read model.
type UpdateResult struct {
	Stage string `json:"stage"`
	// Version is the read model's version after the change.
	Version int64 `json:"version"`
}

// subject is the state a filing or claim run shares: its review and the
// answers of its Updates. Accepted requests wait in pending fields of the
// run until its main loop applies them.
type subject struct {
	// kind is kindFiling or kindClaim, id the filing's or claim's id.
	kind string
	id   int64
	// stage reads the run's stage.
	stage func() string
	// reviewStep is the step and round of the review a decision of the
	// run's stage goes to, "" when there is none (or it is being stopped).
	reviewStep func() (step string, round int)
	// review is the current or last review step.
	review *Review
	// acks are the Updates answered by the next successful persist.
	acks []string
	// outcomes are the answers of Updates, by update id.
	outcomes map[string]outcome
}

// pending is an accepted Update request.
type pending[T any] struct {
	id  string
	req T
}

// outcome is an Update's answer.
type outcome struct {
	result UpdateResult
	err    error
}

// newSubject is the state of a run of the filing or claim kind id, whose
// stage and reviewStep read the run.
func newSubject(kind string, id int64, stage func() string, reviewStep func() (string, int)) subject {
	return subject{kind: kind, id: id, stage: stage, reviewStep: reviewStep, outcomes: map[string]outcome{}}
}

// updateHandler is an Update's name, description, handler and validator.
type updateHandler struct {
	name, description  string
	handler, validator any
}

// setUpdateHandlers installs the Update handlers with their validators.
func setUpdateHandlers(ctx workflow.Context, handlers ...updateHandler) error {
	for _, h := range handlers {
		if err := workflow.SetUpdateHandlerWithOptions(ctx, h.name, h.handler, workflow.UpdateHandlerOptions{
			Validator: h.validator, Description: h.description,
		}); err != nil {
			return err
		}
	}
	return nil
}

// queued is the Update handler of requests the main loop applies: it
// checks req again with validate, leaves it in *slot and waits for the
// answer.
func queued[T any](s *subject, name, description string, slot **pending[T],
	validate func(workflow.Context, T) error) updateHandler {
	handler := func(ctx workflow.Context, req T) (UpdateResult, error) {
		if err := validate(ctx, req); err != nil {
			return UpdateResult{}, err
		}
		*slot = &pending[T]{id: workflow.GetCurrentUpdateInfo(ctx).ID, req: req}
		return s.wait(ctx)
	}
	return updateHandler{name, description, handler, validate}
}

// take removes the request from *slot for the main loop to apply; the
// next persist answers its Update.
func take[T any](s *subject, slot **pending[T]) T {
	p := *slot
	*slot = nil
	s.acks = append(s.acks, p.id)
	return p.req
}

// wait blocks the current Update until the main loop answered it.
func (s *subject) wait(ctx workflow.Context) (UpdateResult, error) {
	id := workflow.GetCurrentUpdateInfo(ctx).ID
	if err := workflow.Await(ctx, func() bool { _, ok := s.outcomes[id]; return ok }); err != nil {
		return UpdateResult{}, err
	}
	o := s.outcomes[id]
	return o.result, o.err
}

// answer answers the Updates waiting for the change just written.
func (s *subject) answer(version int64) {
	for _, id := range s.acks {
		s.outcomes[id] = outcome{result: UpdateResult{Stage: s.stage(), Version: version}}
	}
	s.acks = nil
}

// refusePending answers the Updates accepted but not applied when the run
// ended: those waiting for a persist, the decided review's, and ids ("" is
// skipped).
func (s *subject) refusePending(ids ...string) {
	err := conflict("the %s ended as %s before the request could take effect", s.kind, s.stage())
	ids = append(ids, s.acks...)
	if s.review != nil && s.review.Decided() != nil {
		ids = append(ids, s.review.Decided().RequestID)
	}
	for _, id := range ids {
		if _, done := s.outcomes[id]; id != "" && !done {
			s.outcomes[id] = outcome{err: err}
		}
	}
}

// pendingID is the update id of p, "" when nil.
func pendingID[T any](p *pending[T]) string {
	if p == nil {
		return ""
	}
	return p.id
}

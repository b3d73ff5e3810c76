package workflows

import "go.temporal.io/sdk/workflow"

// A decision goes to the review of the subject's stage. While that review
// is opening (its deadline being computed), the validator checks all but
// the holder and the handler waits for it to open; once the stage has no
// review to decide, both refuse.

// stageReview is the review of the subject's stage once it is open (or
// decided); nil while it opens or when the stage has none.
func (s *subject) stageReview() *Review {
	step, round := s.reviewStep()
	rev := s.review
	if step == "" || rev == nil || rev.Spec.Step != step || rev.Spec.Round != round || (!rev.Open && rev.Decided() == nil) {
		return nil
	}
	return rev
}

// noReview refuses a decision when the stage has no review to decide.
func (s *subject) noReview() error {
	return conflict("the %s is at stage %s: no review is open", s.kind, s.stage())
}

// validateDecision checks req against the open review or, while the
// review of the stage is opening, everything but the holder.
func (s *subject) validateDecision(req DecisionRequest) error {
	if rev := s.stageReview(); rev != nil {
		return rev.Check(req)
	}
	step, _ := s.reviewStep()
	switch {
	case step == "":
		return s.noReview()
	case req.Actor.Role != RoleReviewer && req.Actor.Role != RoleSupervisor:
		return forbidden("only a reviewer or supervisor may decide a review, not a %s", req.Actor.Role)
	case req.Step != step:
		return conflict("the %s is at the %s review, not the %q review", s.kind, step, req.Step)
	}
	return checkInput(req, 1)
}

// awaitReview waits while the review of the stage opens and returns it
// once req may take effect on it.
func (s *subject) awaitReview(ctx workflow.Context, req DecisionRequest) (*Review, error) {
	if err := workflow.Await(ctx, func() bool { step, _ := s.reviewStep(); return step == "" || s.stageReview() != nil }); err != nil {
		return nil, err
	}
	rev := s.stageReview()
	if rev == nil {
		return nil, s.noReview()
	}
	if err := rev.Check(req); err != nil {
		return nil, err
	}
	return rev, nil
}

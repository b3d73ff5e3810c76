package activities

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.temporal.io/sdk/temporal"

	"github.com/liaoning-finance/cpe/store"
)

// ComplianceRunRef names one evaluation run of a year.
type ComplianceRunRef struct {
	Year       int    `json:"year"`
	WorkflowID string `json:"workflow_id"`
	// At is the run's start (or, for ComplianceFinish, end) time.
	At time.Time `json:"at"`
}

// CompliancePageRequest asks for the evaluation of one page of persons.
type CompliancePageRequest struct {
	Run ComplianceRunRef `json:"run"`
	// AfterPersonID is the last person id of the previous page (0 first).
	AfterPersonID int64 `json:"after_person_id"`
	PageSize      int   `json:"page_size"`
}

// ComplianceStart records that a run of the year started.
func (a *Activities) ComplianceStart(ctx context.Context, run ComplianceRunRef) error {
	return a.Store.StartComplianceRun(ctx, run.Year, run.WorkflowID, run.At)
}

// ComplianceEvaluatePage evaluates one page of persons against the year's
// policy and stores their results; a year without a policy fails for good.
// The result holds counts and ids only, no personal data.
func (a *Activities) ComplianceEvaluatePage(ctx context.Context, req CompliancePageRequest) (store.CompliancePage, error) {
	p, err := a.Store.Policy(ctx, req.Run.Year)
	if errors.Is(err, store.ErrNotFound) {
		return store.CompliancePage{}, temporal.NewNonRetryableApplicationError(
			fmt.Sprintf("no continuing-education policy is loaded for %d", req.Run.Year), "NoPolicy", err)
	}
	if err != nil {
		return store.CompliancePage{}, fmt.Errorf("load policy %d: %w", req.Run.Year, err)
	}
	return a.Store.EvaluateCompliancePage(ctx, p, req.Run.WorkflowID, req.AfterPersonID, req.PageSize, req.Run.At)
}

// ComplianceFinish records that the run evaluated persons persons.
func (a *Activities) ComplianceFinish(ctx context.Context, run ComplianceRunRef, persons int) error {
	return a.Store.FinishComplianceRun(ctx, run.Year, run.WorkflowID, persons, run.At)
}

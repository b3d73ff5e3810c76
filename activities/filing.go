package activities

import (
	"context"

	"github.com/liaoning-finance/cpe/store"
)

// CreateFilingInput is the submitted filing and its submitter.
type CreateFilingInput struct {
	Filing store.Filing `json:"filing"`
	Actor  store.Actor  `json:"actor"`
}

// CreateFiling stores the submitted filing unless the API already did, and
// audits the submission once.
func (a *Activities) CreateFiling(ctx context.Context, in CreateFilingInput) error {
	_, err := a.Store.CreateFiling(ctx, in.Filing, in.Actor)
	return err
}

// ApplyFilingChange writes one state change of a filing workflow in one
// transaction and returns the integrity flags of the change's review item.
// A retry after the change was written writes nothing.
//
// Only the workflows that run on the path before version 1 of the
// "filing-change-flag-count" change call it (it must stay registered for
// them): the flags of a large batch exceed the payload limit of an activity
// result and copy masked ID-card numbers into the workflow's history.
// Workflows since call ApplyFilingChangeCounted.
func (a *Activities) ApplyFilingChange(ctx context.Context, ch store.FilingChange) ([]store.Flag, error) {
	_, flags, err := a.Store.ApplyFilingChange(ctx, ch)
	return flags, err
}

// FilingChangeResult is what a filing workflow learns of a change it wrote:
// counts only, no personal data.
type FilingChangeResult struct {
	// Flags is the number of integrity flags of the change's review item
	// (0 when the change has none).
	Flags int `json:"flags"`
}

// ApplyFilingChangeCounted writes one state change of a filing workflow in
// one transaction and returns how many integrity flags the change's review
// item has. A retry after the change was written writes nothing.
func (a *Activities) ApplyFilingChangeCounted(ctx context.Context, ch store.FilingChange) (FilingChangeResult, error) {
	_, n, err := a.Store.ApplyFilingChangeCount(ctx, ch)
	return FilingChangeResult{Flags: n}, err
}

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
func (a *Activities) ApplyFilingChange(ctx context.Context, ch store.FilingChange) ([]store.Flag, error) {
	_, flags, err := a.Store.ApplyFilingChange(ctx, ch)
	return flags, err
}

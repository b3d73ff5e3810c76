package activities

import (
	"context"

	"github.com/liaoning-finance/cpe/store"
)

// CreateClaimInput is the submitted claim and its applicant's account.
type CreateClaimInput struct {
	Claim store.Claim `json:"claim"`
	Actor store.Actor `json:"actor"`
}

// CreateClaim stores the submitted claim unless the API already did, and
// audits the submission once.
func (a *Activities) CreateClaim(ctx context.Context, in CreateClaimInput) error {
	_, err := a.Store.CreateClaim(ctx, in.Claim, in.Actor)
	return err
}

// ApplyClaimChange writes one state change of a claim workflow in one
// transaction. A retry after the change was written writes nothing.
func (a *Activities) ApplyClaimChange(ctx context.Context, ch store.ClaimChange) error {
	_, err := a.Store.ApplyClaimChange(ctx, ch)
	return err
}

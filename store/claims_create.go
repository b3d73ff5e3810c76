package store

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// CreateClaim inserts a submitted claim at seq 0 in the review stage unless
// it exists, and audits the submission by actor in the same transaction.
// Both the API and the claim workflow's first activity call it, so the
// claim exists once whichever runs first. It reports whether this call
// inserted the row.
func (s *Store) CreateClaim(ctx context.Context, c Claim, actor Actor) (bool, error) {
	inserted := false
	err := s.InTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `INSERT INTO claims (id, person_id, region, city, kind, year, policy_year, details,
				claimed_professional, claimed_public, stage, assigned_region, submitted_by, workflow_id, seq)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 0)
			ON CONFLICT (id) DO NOTHING`,
			c.ID, c.PersonID, c.Region, c.City, c.Kind, c.Year, c.PolicyYear, c.ClaimDetails,
			c.Claimed.Professional, c.Claimed.Public, ClaimStageReview, c.Region, actor.accountRef(),
			ClaimWorkflowID(c.ID))
		if err != nil || tag.RowsAffected() == 0 {
			return err
		}
		inserted = true
		return Audit(ctx, tx, actor.audit("claim.submit", "claim", c.ID, map[string]any{
			"kind": c.Kind, "year": c.Year, "details": c.ClaimDetails, "claimed_credits": c.Claimed}))
	})
	return inserted, err
}

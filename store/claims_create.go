package store

import (
	"bytes"
	"context"

	"github.com/jackc/pgx/v5"
)

// nextClaimID reserves a claim id before the claim's workflow starts.
func nextClaimID(ctx context.Context, q Querier) (int64, error) {
	var id int64
	err := q.QueryRow(ctx, `SELECT nextval(pg_get_serial_sequence('claims', 'id'))`).Scan(&id)
	return id, err
}

// ReserveClaimID returns the claim id for a create request: a fresh one,
// or, when the person sent the same Idempotency-Key before, the id that
// request reserved (ErrKeyReused when the request differs). An empty key
// always reserves a fresh id.
func (s *Store) ReserveClaimID(ctx context.Context, personID int64, key string, requestHash []byte) (int64, error) {
	if key == "" {
		return nextClaimID(ctx, s.Pool)
	}
	var id int64
	err := s.InTx(ctx, func(tx pgx.Tx) error {
		fresh, err := nextClaimID(ctx, tx)
		if err != nil {
			return err
		}
		var hash []byte
		err = tx.QueryRow(ctx, `INSERT INTO claim_requests (person_id, idempotency_key, claim_id, request_hash)
			VALUES ($1, $2, $3, $4)
			ON CONFLICT (person_id, idempotency_key) DO UPDATE SET person_id = EXCLUDED.person_id
			RETURNING claim_id, request_hash`, personID, key, fresh, requestHash).Scan(&id, &hash)
		if err == nil && !bytes.Equal(hash, requestHash) {
			return ErrKeyReused
		}
		return err
	})
	return id, err
}

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

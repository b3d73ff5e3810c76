package store

import (
	"context"
	"time"

	"github.com/liaoning-finance/cpe/calendar"
)

// ClaimDecision is one decision that took effect on a claim's review.
type ClaimDecision struct {
	Decision string `json:"decision"`
	Reason   string `json:"reason,omitempty"`
	// Approved are the credits an approval granted.
	Approved *ClaimCredits `json:"approved_credits,omitempty"`
	Actor    Actor         `json:"actor"`
	// AssignedRegion and EscalationLevel are the review's at the decision.
	AssignedRegion  string `json:"assigned_region"`
	EscalationLevel int    `json:"escalation_level"`
	// Round counts the reviews of the claim, from 1.
	Round int `json:"round"`
	// RequestID is the Temporal update id that carried the decision.
	RequestID string    `json:"request_id"`
	DecidedAt time.Time `json:"decided_at"`
}

const claimDecisionColumns = `decision, reason, approved_professional::float8, approved_public::float8,
	coalesce(account_id, 0), role, actor_region, assigned_region, escalation_level, round, request_id, decided_at`

func scanClaimDecision(row rowScanner) (ClaimDecision, error) {
	var d ClaimDecision
	var prof, pub *float64
	err := row.Scan(&d.Decision, &d.Reason, &prof, &pub, &d.Actor.AccountID, &d.Actor.Role, &d.Actor.Region,
		&d.AssignedRegion, &d.EscalationLevel, &d.Round, &d.RequestID, &d.DecidedAt)
	if prof != nil && pub != nil {
		d.Approved = &ClaimCredits{Professional: *prof, Public: *pub}
	}
	d.DecidedAt = d.DecidedAt.In(calendar.Shanghai)
	return d, err
}

// insertClaimDecision records d once per request id and reports whether
// this call inserted it.
func insertClaimDecision(ctx context.Context, q Querier, claimID int64, d ClaimDecision) (bool, error) {
	var prof, pub *float64
	if d.Approved != nil {
		prof, pub = &d.Approved.Professional, &d.Approved.Public
	}
	tag, err := q.Exec(ctx, `INSERT INTO claim_decisions (claim_id, decision, reason, approved_professional,
			approved_public, account_id, role, actor_region, assigned_region, escalation_level, round, request_id,
			decided_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
		ON CONFLICT (claim_id, request_id) DO NOTHING`,
		claimID, d.Decision, d.Reason, prof, pub, d.Actor.accountRef(), d.Actor.Role, d.Actor.Region,
		d.AssignedRegion, d.EscalationLevel, d.Round, d.RequestID, d.DecidedAt)
	return err == nil && tag.RowsAffected() == 1, err
}

// ClaimDecisions returns the decision history of a claim, oldest first.
func (s *Store) ClaimDecisions(ctx context.Context, claimID int64) ([]ClaimDecision, error) {
	return collect(ctx, s.Pool, scanClaimDecision,
		`SELECT `+claimDecisionColumns+` FROM claim_decisions WHERE claim_id = $1 ORDER BY id`, claimID)
}

// ClaimDecisionByRequest returns the decision a request id took effect
// with, or ErrNotFound.
func (s *Store) ClaimDecisionByRequest(ctx context.Context, claimID int64, requestID string) (ClaimDecision, error) {
	d, err := scanClaimDecision(s.Pool.QueryRow(ctx, `SELECT `+claimDecisionColumns+` FROM claim_decisions
		WHERE claim_id = $1 AND request_id = $2`, claimID, requestID))
	return d, notFound(err)
}

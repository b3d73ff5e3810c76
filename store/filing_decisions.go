package store

import (
	"context"
	"time"

	"github.com/liaoning-finance/cpe/calendar"
)

// FilingDecision is one decision that took effect on a filing's review.
type FilingDecision struct {
	Step     string `json:"step"`
	Decision string `json:"decision"`
	Reason   string `json:"reason,omitempty"`
	Actor    Actor  `json:"actor"`
	// AssignedRegion and EscalationLevel are the review's at the decision.
	AssignedRegion  string `json:"assigned_region"`
	EscalationLevel int    `json:"escalation_level"`
	// Round counts the reviews of this step, from 1.
	Round int `json:"round"`
	// RequestID is the Temporal update id: the caller's Idempotency-Key
	// (namespaced) or a generated one.
	RequestID string    `json:"request_id"`
	DecidedAt time.Time `json:"decided_at"`
}

const decisionColumns = `step, decision, reason, coalesce(account_id, 0), role, actor_region, assigned_region,
	escalation_level, round, request_id, decided_at`

func scanDecision(row rowScanner) (FilingDecision, error) {
	var d FilingDecision
	err := row.Scan(&d.Step, &d.Decision, &d.Reason, &d.Actor.AccountID, &d.Actor.Role, &d.Actor.Region,
		&d.AssignedRegion, &d.EscalationLevel, &d.Round, &d.RequestID, &d.DecidedAt)
	d.DecidedAt = d.DecidedAt.In(calendar.Shanghai)
	return d, err
}

// insertFilingDecision records d once per request id and reports whether
// this call inserted it.
func insertFilingDecision(ctx context.Context, q Querier, filingID int64, d FilingDecision) (bool, error) {
	tag, err := q.Exec(ctx, `INSERT INTO filing_decisions (filing_id, step, decision, reason, account_id, role,
			actor_region, assigned_region, escalation_level, round, request_id, decided_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
		ON CONFLICT (filing_id, request_id) DO NOTHING`,
		filingID, d.Step, d.Decision, d.Reason, d.Actor.accountRef(), d.Actor.Role, d.Actor.Region,
		d.AssignedRegion, d.EscalationLevel, d.Round, d.RequestID, d.DecidedAt)
	return err == nil && tag.RowsAffected() == 1, err
}

// FilingDecisions returns the decision history of a filing, oldest first.
func (s *Store) FilingDecisions(ctx context.Context, filingID int64) ([]FilingDecision, error) {
	return collect(ctx, s.Pool, scanDecision,
		`SELECT `+decisionColumns+` FROM filing_decisions WHERE filing_id = $1 ORDER BY id`, filingID)
}

// FilingDecisionByRequest returns the decision a request id took effect
// with, or ErrNotFound.
func (s *Store) FilingDecisionByRequest(ctx context.Context, filingID int64, requestID string) (FilingDecision, error) {
	d, err := scanDecision(s.Pool.QueryRow(ctx, `SELECT `+decisionColumns+` FROM filing_decisions
		WHERE filing_id = $1 AND request_id = $2`, filingID, requestID))
	return d, notFound(err)
}

package store

import (
	"context"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/liaoning-finance/cpe/calendar"
)

// ClaimChange is one state change of a claim workflow, written in one
// transaction: the claim row and, when given, its review item, a decision,
// an audit line and the ledger postings of an approval.
type ClaimChange struct {
	// Claim is the new state; Claim.Seq must exceed the stored seq for the
	// change to apply. A change whose seq is not newer is skipped as a
	// whole, so a retried activity writes once.
	Claim Claim `json:"claim"`
	// Review is the review item to write, if any. While the claim is in
	// review, the days on which approving it would give the person more
	// learning hours than the day has are added to the item's flags.
	Review *ReviewItem `json:"review,omitempty"`
	// Decision is recorded, and audited as "claim.decide", when set.
	Decision *ClaimDecision `json:"decision,omitempty"`
	// Audit is an extra audit line (e.g. "claim.amend") written when set.
	Audit *AuditEntry `json:"audit,omitempty"`
	// PostCredits posts Claim.Approved to the credit ledger and checks the
	// person's daily learning hours.
	PostCredits bool `json:"post_credits,omitempty"`
}

// ApplyClaimChange writes ch and reports whether it applied (false when a
// state as new was written before).
func (s *Store) ApplyClaimChange(ctx context.Context, ch ClaimChange) (bool, error) {
	applied := false
	err := s.InTx(ctx, func(tx pgx.Tx) error {
		var err error
		if applied, err = updateClaim(ctx, tx, ch.Claim); err != nil || !applied {
			return err
		}
		c := ch.Claim
		if ch.Review != nil {
			if err := writeClaimReview(ctx, tx, c, *ch.Review); err != nil {
				return err
			}
		}
		if ch.Decision != nil {
			if err := recordClaimDecision(ctx, tx, c.ID, *ch.Decision); err != nil {
				return err
			}
		}
		if ch.Audit != nil {
			if err := Audit(ctx, tx, *ch.Audit); err != nil {
				return err
			}
		}
		if ch.PostCredits && c.Approved != nil {
			if err := postClaimCredits(ctx, tx, c); err != nil {
				return err
			}
			return checkClaimHours(ctx, tx, c)
		}
		return nil
	})
	return applied, err
}

// writeClaimReview writes the review item of c as UpsertReviewItem does,
// adding to an open review the daily-hours flags that approving c would
// raise.
func writeClaimReview(ctx context.Context, tx pgx.Tx, c Claim, item ReviewItem) error {
	replaced := flagKinds(item.Flags)
	if item.Open && c.Stage == ClaimStageReview {
		flags, err := claimReviewFlags(ctx, tx, c)
		if err != nil {
			return err
		}
		item.Flags = append(item.Flags, flags...)
	}
	return upsertReviewItem(ctx, tx, item, replaced)
}

// recordClaimDecision inserts a decision and audits it, once per request id.
func recordClaimDecision(ctx context.Context, tx pgx.Tx, claimID int64, d ClaimDecision) error {
	inserted, err := insertClaimDecision(ctx, tx, claimID, d)
	if err != nil || !inserted {
		return err
	}
	return Audit(ctx, tx, d.Actor.audit("claim.decide", "claim", claimID, map[string]any{
		"decision": d.Decision, "reason": d.Reason, "approved_credits": d.Approved,
		"assigned_region": d.AssignedRegion, "escalation_level": d.EscalationLevel, "round": d.Round,
		"request_id": d.RequestID}))
}

// updateClaim writes the workflow-owned columns of c when c.Seq is newer
// than the stored seq, and reports whether it did.
func updateClaim(ctx context.Context, tx pgx.Tx, c Claim) (bool, error) {
	var assigned *string
	if c.AssignedRegion != "" {
		assigned = &c.AssignedRegion
	}
	var prof, pub *float64
	if c.Approved != nil {
		prof, pub = &c.Approved.Professional, &c.Approved.Public
	}
	tag, err := tx.Exec(ctx, `UPDATE claims SET year = $3, details = $4, claimed_professional = $5,
			claimed_public = $6, approved_professional = $7, approved_public = $8, stage = $9, assigned_region = $10,
			escalation_level = $11, review_due_at = $12, correction_due_at = $13, overdue = $14, returns = $15,
			seq = $2, updated_at = now()
		WHERE id = $1 AND seq < $2`,
		c.ID, c.Seq, c.Year, c.ClaimDetails, c.Claimed.Professional, c.Claimed.Public, prof, pub, c.Stage,
		assigned, c.EscalationLevel, c.ReviewDueAt, c.CorrectionDueAt, c.Overdue, c.Returns)
	return err == nil && tag.RowsAffected() == 1, err
}

// ClaimCreditRef is the ledger source_ref of a claim's credits of one
// category: unique, so a retried posting writes once.
func ClaimCreditRef(claimID int64, category string) string {
	return "claim:" + strconv.FormatInt(claimID, 10) + ":" + category
}

// postClaimCredits posts the approved credits of c to the ledger for the
// year they belong to, one entry per category with credits, once.
func postClaimCredits(ctx context.Context, q Querier, c Claim) error {
	earnedFrom, earnedOn, hours := claimLearningTime(c)
	for _, e := range []struct {
		category string
		credits  float64
	}{{"professional", c.Approved.Professional}, {"public", c.Approved.Public}} {
		if e.credits <= 0 {
			continue
		}
		if _, err := q.Exec(ctx, `INSERT INTO credit_ledger (person_id, year, category, credits, source_kind,
				source_ref, earned_from, earned_on, hours, description)
			VALUES ($1, $2, $3, $4, 'claim', $5, $6::date, $7::date, $8, $9)
			ON CONFLICT (source_kind, source_ref) DO NOTHING`,
			c.PersonID, c.Year, e.category, e.credits, ClaimCreditRef(c.ID, e.category), earnedFrom, earnedOn,
			hours, claimDescription(c)); err != nil {
			return err
		}
	}
	return nil
}

// claimLearningTime returns the ledger's learning period and hours of c:
// a face-to-face training is learning time spread over its days; the date
// of an other form or make-up is recorded without hours, so it never counts
// toward the daily-hours integrity check; a cadre statistics table has
// neither.
func claimLearningTime(c Claim) (from, on *string, hours *float64) {
	str := func(d *calendar.Date) *string {
		if d == nil {
			return nil
		}
		s := d.String()
		return &s
	}
	switch c.Kind {
	case ClaimFaceToFace:
		h := c.Hours
		return str(c.StartDate), str(c.EndDate), &h
	case ClaimOther:
		return nil, str(c.Date), nil
	case ClaimMakeup:
		return nil, str(c.CompletedOn), nil
	}
	return nil, nil, nil
}

// claimDescription describes a claim's ledger entries for people, without
// personal data.
func claimDescription(c Claim) string {
	switch c.Kind {
	case ClaimFaceToFace:
		return fmt.Sprintf("学分申请 #%d · 面授教育 · %s", c.ID, c.Organiser)
	case ClaimOther:
		return fmt.Sprintf("学分申请 #%d · 其他方式 · %s · %s", c.ID, c.Form, c.Title)
	case ClaimPublicCadre:
		return fmt.Sprintf("学分申请 #%d · 公需科目（干部在线学习网 %g 学时）", c.ID, c.Hours)
	}
	return fmt.Sprintf("补登 #%d · %d 年度 · %s", c.ID, c.Year, c.Channel)
}

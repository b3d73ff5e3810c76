package store

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// FilingChange is one state change of a filing workflow, written in one
// transaction: the filing row and, when given, its review item, a decision,
// an audit line, a batch status, integrity flags and ledger postings.
type FilingChange struct {
	// Filing is the new state; Filing.Seq must exceed the stored seq for
	// the change to apply. A change whose seq is not newer is skipped as a
	// whole, so a retried activity writes once.
	Filing Filing
	// Review is the review item to write, if any.
	Review *ReviewItem
	// Decision is recorded, and audited as "filing.decide", when set.
	Decision *FilingDecision
	// Audit is an extra audit line (e.g. "filing.amend") written when set.
	Audit *AuditEntry
	// BatchStatus, when set, becomes the status of Filing.RecordsBatchID.
	BatchStatus string
	// CheckOverlaps, set when the records review opens, adds the integrity
	// flags of Filing.RecordsBatchID to Review: the persons in another
	// training that overlaps in time (replacing the overlap flags of an
	// earlier round) and the days on which approving the batch would give a
	// person more learning hours than the day has.
	CheckOverlaps bool
	// PostCredits posts every row of Filing.RecordsBatchID to the ledger
	// and checks the persons' daily learning hours.
	PostCredits bool
}

// ApplyFilingChange writes ch and reports whether it applied (false when a
// state as new was written before) together with the review item's flags.
// It is kept for the workflows started before ApplyFilingChangeCount; new
// callers want only the count.
func (s *Store) ApplyFilingChange(ctx context.Context, ch FilingChange) (bool, []Flag, error) {
	applied, err := s.applyFilingChange(ctx, ch)
	if err != nil {
		return false, nil, err
	}
	var flags []Flag
	if ch.Review != nil {
		flags, err = s.reviewFlags(ctx, ch.Review.SubjectKind, ch.Review.SubjectID, ch.Review.Step)
	}
	return applied, flags, err
}

// ApplyFilingChangeCount writes ch as ApplyFilingChange does and reports
// whether it applied together with the number of integrity flags of the
// change's review item (0 without a review item), counted in the database
// rather than read: a batch of thousands of persons has thousands of flags.
func (s *Store) ApplyFilingChangeCount(ctx context.Context, ch FilingChange) (bool, int, error) {
	applied, err := s.applyFilingChange(ctx, ch)
	if err != nil || ch.Review == nil {
		return applied, 0, err
	}
	var n int
	err = s.Pool.QueryRow(ctx, `SELECT coalesce((SELECT jsonb_array_length(flags) FROM review_items
		WHERE subject_kind = $1 AND subject_id = $2 AND step = $3), 0)`,
		ch.Review.SubjectKind, ch.Review.SubjectID, ch.Review.Step).Scan(&n)
	return applied, n, err
}

// applyFilingChange writes ch in one transaction and reports whether it
// applied.
func (s *Store) applyFilingChange(ctx context.Context, ch FilingChange) (bool, error) {
	applied := false
	err := s.InTx(ctx, func(tx pgx.Tx) error {
		var err error
		if applied, err = updateFiling(ctx, tx, ch.Filing); err != nil || !applied {
			return err
		}
		f := ch.Filing
		var replaced []string
		if ch.CheckOverlaps && ch.Review != nil && f.RecordsBatchID != nil {
			if ch.Review.Flags, err = recordsReviewFlags(ctx, tx, f, *f.RecordsBatchID); err != nil {
				return err
			}
			replaced = []string{FlagOverlap}
		}
		if ch.Review != nil {
			if err := upsertReviewItem(ctx, tx, *ch.Review, replaced); err != nil {
				return err
			}
		}
		if ch.Decision != nil {
			if err := recordDecision(ctx, tx, f.ID, *ch.Decision); err != nil {
				return err
			}
		}
		if ch.Audit != nil {
			if err := Audit(ctx, tx, *ch.Audit); err != nil {
				return err
			}
		}
		if ch.BatchStatus != "" && f.RecordsBatchID != nil {
			if _, err := tx.Exec(ctx, `UPDATE record_batches SET status = $2 WHERE id = $1 AND filing_id = $3`,
				*f.RecordsBatchID, ch.BatchStatus, f.ID); err != nil {
				return err
			}
		}
		if ch.PostCredits && f.RecordsBatchID != nil {
			return postFilingCredits(ctx, tx, f, *f.RecordsBatchID)
		}
		return nil
	})
	if err != nil {
		return false, err
	}
	return applied, nil
}

// recordDecision inserts a decision and audits it, once per request id.
func recordDecision(ctx context.Context, tx pgx.Tx, filingID int64, d FilingDecision) error {
	inserted, err := insertFilingDecision(ctx, tx, filingID, d)
	if err != nil || !inserted {
		return err
	}
	return Audit(ctx, tx, d.Actor.audit("filing.decide", "filing", filingID, map[string]any{
		"step": d.Step, "decision": d.Decision, "reason": d.Reason, "assigned_region": d.AssignedRegion,
		"escalation_level": d.EscalationLevel, "round": d.Round, "request_id": d.RequestID}))
}

// updateFiling writes the workflow-owned columns of f when f.Seq is newer
// than the stored seq, and reports whether it did.
func updateFiling(ctx context.Context, tx pgx.Tx, f Filing) (bool, error) {
	var recordsDue *string
	if f.RecordsDue != nil {
		s := f.RecordsDue.String()
		recordsDue = &s
	}
	var step, assigned *string
	if f.ReviewStep != "" {
		step = &f.ReviewStep
	}
	if f.AssignedRegion != "" {
		assigned = &f.AssignedRegion
	}
	tag, err := tx.Exec(ctx, `UPDATE filings SET title = $3, category = $4, level = $5, venue = $6, start_at = $7,
			end_at = $8, credits = $9, year = $10, stage = $11, review_step = $12, assigned_region = $13,
			escalation_level = $14, review_due_at = $15, records_due = $16::date, records_due_at = $17,
			records_due_provisional = $18, correction_due_at = $19, overdue = $20, records_late = $21,
			supervisor_required = $22, filing_returns = $23, records_returns = $24, records_batch_id = $25,
			seq = $2, updated_at = now()
		WHERE id = $1 AND seq < $2`,
		f.ID, f.Seq, f.Title, f.Category, f.Level, f.Venue, f.StartAt, f.EndAt, f.Credits, f.Year, f.Stage,
		step, assigned, f.EscalationLevel, f.ReviewDueAt, recordsDue, f.RecordsDueAt, f.RecordsDueProvisional,
		f.CorrectionDueAt, f.Overdue, f.RecordsLate, f.SupervisorRequired, f.FilingReturns, f.RecordsReturns,
		f.RecordsBatchID)
	return err == nil && tag.RowsAffected() == 1, err
}

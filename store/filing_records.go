package store

import (
	"bytes"
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/liaoning-finance/cpe/calendar"
)

// Record batch statuses.
const (
	BatchUploaded  = "uploaded"
	BatchInReview  = "in_review"
	BatchApproved  = "approved"
	BatchReturned  = "returned"
	BatchRejected  = "rejected"
	BatchDiscarded = "discarded"
)

// RecordBatch is one upload of a filing's attendance records.
type RecordBatch struct {
	ID           int64     `json:"id"`
	FilingID     int64     `json:"filing_id"`
	Status       string    `json:"status"`
	RowCount     int       `json:"row_count"`
	CreditsTotal float64   `json:"credits_total"`
	ContentType  string    `json:"content_type"`
	Filename     string    `json:"filename,omitempty"`
	CreatedAt    time.Time `json:"created_at"`
	// RequestHash is the SHA-256 of the upload the batch was stored for,
	// which its idempotency key repeats (see CreateRecordBatch); nil for
	// a batch stored before migration 00007.
	RequestHash []byte `json:"-"`
}

// RecordRow is one attendee of a batch, resolved to a registered person.
type RecordRow struct {
	Line     int
	PersonID int64
	Credits  float64
	Category string
}

// CreateRecordBatch stores a validated batch with its rows, its
// idempotency key and b.RequestHash, and audits the upload by actor, all in
// one transaction. With a key already used for this filing it stores
// nothing: it returns the earlier batch and true when b.RequestHash is the
// earlier upload's, and ErrKeyReused when it is not. A batch stored without
// a hash (before migration 00007) matches no upload: its content is
// unknown, so its key cannot repeat it.
func (s *Store) CreateRecordBatch(ctx context.Context, b RecordBatch, rows []RecordRow, actor Actor, key string) (RecordBatch, bool, error) {
	if key != "" {
		prev, err := s.RecordBatchByKey(ctx, b.FilingID, key)
		if err == nil {
			return sameUpload(prev, b)
		}
		if !errors.Is(err, ErrNotFound) {
			return RecordBatch{}, false, err
		}
	}
	var keyArg *string
	if key != "" {
		keyArg = &key
	}
	b.RowCount, b.CreditsTotal = len(rows), 0
	for _, r := range rows {
		b.CreditsTotal += r.Credits
	}
	err := s.InTx(ctx, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `INSERT INTO record_batches (filing_id, row_count, credits_total, content_type,
				filename, account_id, idempotency_key, request_hash)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id, status, created_at`,
			b.FilingID, b.RowCount, b.CreditsTotal, b.ContentType, b.Filename, actor.accountRef(), keyArg, b.RequestHash).
			Scan(&b.ID, &b.Status, &b.CreatedAt)
		if isUniqueViolation(err) {
			return ErrDuplicate
		}
		if err != nil {
			return err
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"record_rows"},
			[]string{"batch_id", "line", "person_id", "credits", "category"},
			pgx.CopyFromSlice(len(rows), func(i int) ([]any, error) {
				r := rows[i]
				return []any{b.ID, r.Line, r.PersonID, r.Credits, r.Category}, nil
			})); err != nil {
			return err
		}
		return Audit(ctx, tx, actor.audit("filing.records_upload", "filing", b.FilingID, map[string]any{
			"batch_id": b.ID, "rows": b.RowCount, "credits_total": b.CreditsTotal,
			"content_type": b.ContentType, "filename": b.Filename}))
	})
	if errors.Is(err, ErrDuplicate) {
		prev, err := s.RecordBatchByKey(ctx, b.FilingID, key)
		if err != nil {
			return RecordBatch{}, false, err
		}
		return sameUpload(prev, b)
	}
	b.CreatedAt = b.CreatedAt.In(calendar.Shanghai)
	return b, false, err
}

// sameUpload returns prev, the batch stored under the key of upload b, and
// true when b repeats its upload, else ErrKeyReused.
func sameUpload(prev, b RecordBatch) (RecordBatch, bool, error) {
	if prev.RequestHash == nil || !bytes.Equal(prev.RequestHash, b.RequestHash) {
		return RecordBatch{}, false, ErrKeyReused
	}
	return prev, true, nil
}

// RecordBatchByKey returns the batch of a filing stored under an
// idempotency key, or ErrNotFound. A discarded batch gave up its key.
func (s *Store) RecordBatchByKey(ctx context.Context, filingID int64, key string) (RecordBatch, error) {
	var b RecordBatch
	err := s.Pool.QueryRow(ctx, `SELECT id, filing_id, status, row_count, credits_total::float8, content_type,
			filename, created_at, request_hash
		FROM record_batches WHERE filing_id = $1 AND idempotency_key = $2`, filingID, key).
		Scan(&b.ID, &b.FilingID, &b.Status, &b.RowCount, &b.CreditsTotal, &b.ContentType, &b.Filename, &b.CreatedAt,
			&b.RequestHash)
	b.CreatedAt = b.CreatedAt.In(calendar.Shanghai)
	return b, notFound(err)
}

// DiscardRecordBatch marks an uploaded batch that the filing did not take
// (it was no longer waiting for records) as discarded. The batch gives up
// its idempotency key: nothing took effect under it, so a retry with the
// key uploads afresh.
func (s *Store) DiscardRecordBatch(ctx context.Context, id int64) error {
	_, err := s.Pool.Exec(ctx, `UPDATE record_batches SET status = $2, idempotency_key = NULL
		WHERE id = $1 AND status = $3`, id, BatchDiscarded, BatchUploaded)
	return err
}

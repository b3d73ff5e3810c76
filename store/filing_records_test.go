package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/liaoning-finance/cpe/calendar"
	"github.com/liaoning-finance/cpe/store"
)

// A records batch's idempotency key repeats the upload it was stored with
// only: other content under the key is ErrKeyReused, never the earlier
// batch; a batch stored without a hash (before migration 00007) matches no
// upload; a discarded batch gives its key up.
func TestRecordBatchKeyIsBoundToTheUpload(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	f := newFiling(t, s, time.Date(2025, 6, 20, 9, 0, 0, 0, calendar.Shanghai))
	p := addPerson(t, s, 31, "210102", 2020)
	actor := store.Actor{Role: "institution"}
	upload := func(hash string, credits float64, key string) (store.RecordBatch, bool, error) {
		return s.CreateRecordBatch(ctx, store.RecordBatch{FilingID: f.ID, ContentType: "text/csv", RequestHash: []byte(hash)},
			[]store.RecordRow{{Line: 1, PersonID: p.ID, Credits: credits, Category: "professional"}}, actor, key)
	}
	first, existed, err := upload("first", 8, "k")
	if err != nil || existed {
		t.Fatalf("first upload: existed %v, %v", existed, err)
	}
	if again, existed, err := upload("first", 8, "k"); err != nil || !existed || again.ID != first.ID {
		t.Fatalf("repeated upload: %+v existed %v, %v; want batch %d", again, existed, err, first.ID)
	}
	if got, existed, err := upload("corrected", 7, "k"); !errors.Is(err, store.ErrKeyReused) || existed || got.ID != 0 {
		t.Fatalf("corrected upload under the same key: %+v existed %v, %v; want ErrKeyReused", got, existed, err)
	}
	var batches int
	if err := s.Pool.QueryRow(ctx, `SELECT count(*) FROM record_batches WHERE filing_id = $1`, f.ID).Scan(&batches); err != nil || batches != 1 {
		t.Fatalf("%d batches (%v), want 1", batches, err)
	}

	if _, err := s.Pool.Exec(ctx, `UPDATE record_batches SET request_hash = NULL WHERE id = $1`, first.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := upload("first", 8, "k"); !errors.Is(err, store.ErrKeyReused) {
		t.Fatalf("upload under the key of a batch without hash: %v, want ErrKeyReused", err)
	}

	if err := s.DiscardRecordBatch(ctx, first.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordBatchByKey(ctx, f.ID, "k"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("key of a discarded batch: %v, want ErrNotFound", err)
	}
	if fresh, existed, err := upload("corrected", 7, "k"); err != nil || existed || fresh.ID == first.ID {
		t.Fatalf("upload after the discard: %+v existed %v, %v; want a new batch", fresh, existed, err)
	}
}

// The pending-credits and open-review lookups join filings on their
// records batch through an index.
func TestFilingsRecordsBatchIsIndexed(t *testing.T) {
	s := newStore(t)
	var def string
	if err := s.Pool.QueryRow(context.Background(), `SELECT indexdef FROM pg_indexes
		WHERE tablename = 'filings' AND indexdef LIKE '%(records_batch_id)%'`).Scan(&def); err != nil {
		t.Fatalf("no index on filings.records_batch_id: %v", err)
	}
}

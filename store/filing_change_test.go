package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/liaoning-finance/cpe/calendar"
	"github.com/liaoning-finance/cpe/store"
)

// ApplyFilingChangeCount reports the number of flags of the review item,
// counted in the database, the same as ApplyFilingChange returns; a retried
// change reports it again, and a change without a review item reports 0.
func TestApplyFilingChangeCount(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	start := time.Date(2025, 6, 20, 9, 0, 0, 0, calendar.Shanghai)
	a, b := newFiling(t, s, start), newFiling(t, s, start.Add(4*time.Hour))
	const persons = 40
	var rows []store.RecordRow
	for i := range persons {
		p := addPerson(t, s, 100+i, "210102", 2020)
		rows = append(rows, store.RecordRow{Line: i + 1, PersonID: p.ID, Credits: 4, Category: "professional"})
	}
	open := func(f store.Filing) (store.FilingChange, store.ReviewItem) {
		batch, _, err := s.CreateRecordBatch(ctx, store.RecordBatch{FilingID: f.ID, ContentType: "text/csv"}, rows,
			store.Actor{Role: "institution"}, "")
		if err != nil {
			t.Fatal(err)
		}
		f.Stage, f.Seq, f.RecordsBatchID = store.StageRecordsReview, 1, &batch.ID
		item := store.ReviewItem{SubjectKind: "filing", SubjectID: f.ID, Step: "records", Title: f.Title,
			Region: f.Region, AssignedRegion: f.Region, Open: true}
		return store.FilingChange{Filing: f, Review: &item, CheckOverlaps: true, BatchStatus: store.BatchInReview}, item
	}
	first, _ := open(a)
	if applied, _, err := s.ApplyFilingChange(ctx, first); err != nil || !applied {
		t.Fatalf("first training: applied=%v err=%v", applied, err)
	}
	second, item := open(b)
	for i, wantApplied := range []bool{true, false} {
		applied, n, err := s.ApplyFilingChangeCount(ctx, second)
		if err != nil || applied != wantApplied || n != persons {
			t.Errorf("apply #%d: applied=%v flags=%d err=%v, want %v and %d flags", i+1, applied, n, err, wantApplied, persons)
		}
	}
	if _, flags, err := s.ApplyFilingChange(ctx, second); err != nil || len(flags) != persons {
		t.Errorf("ApplyFilingChange: %d flags (%v), want %d", len(flags), err, persons)
	}
	next := second.Filing
	next.Seq = 2
	if applied, n, err := s.ApplyFilingChangeCount(ctx, store.FilingChange{Filing: next}); err != nil || !applied || n != 0 {
		t.Errorf("change without a review item: applied=%v flags=%d err=%v", applied, n, err)
	}
	next.Seq = 3
	item.Open = false
	if applied, n, err := s.ApplyFilingChangeCount(ctx, store.FilingChange{Filing: next, Review: &item}); err != nil || !applied || n != persons {
		t.Errorf("closing the review: applied=%v flags=%d err=%v, want the %d flags kept", applied, n, err, persons)
	}
}

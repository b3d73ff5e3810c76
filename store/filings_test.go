package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/liaoning-finance/cpe/calendar"
	"github.com/liaoning-finance/cpe/codes"
	"github.com/liaoning-finance/cpe/internal/testdb"
	"github.com/liaoning-finance/cpe/store"
)

// newFiling stores a submitted filing of a new face-to-face institution.
func newFiling(t *testing.T, s *store.Store, start time.Time) store.Filing {
	t.Helper()
	ctx := context.Background()
	id, err := store.NextFilingID(ctx, s.Pool)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := store.CreateInstitution(ctx, s.Pool, store.Institution{Name: "培训中心", USCC: testdb.USCC("210102", int(id)),
		Kind: "face_to_face", Region: "210102"})
	if err != nil {
		t.Fatal(err)
	}
	f := store.Filing{ID: id, InstitutionID: inst.ID, Region: "210102", City: "210100", Title: "准则培训",
		Category: "professional", Level: "junior", Venue: "沈阳", StartAt: start, EndAt: start.Add(8 * time.Hour),
		Credits: 8, Year: start.Year()}
	actor := store.Actor{AccountID: 0, Role: "institution", InstitutionID: inst.ID}
	for range 2 {
		if _, err := s.CreateFiling(ctx, f, actor); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

// A change applies once: a retry writes no second decision, audit line or
// ledger entry, and an older state never overwrites a newer one.
func TestApplyFilingChangeOnce(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	start := time.Date(2025, 6, 20, 9, 0, 0, 0, calendar.Shanghai)
	f := newFiling(t, s, start)
	p1, p2 := addPerson(t, s, 1, "210102", 2020), addPerson(t, s, 2, "210102", 2020)
	upload := []byte("sha-256 of the upload")
	batch, _, err := s.CreateRecordBatch(ctx, store.RecordBatch{FilingID: f.ID, ContentType: "text/csv", RequestHash: upload},
		[]store.RecordRow{{Line: 1, PersonID: p1.ID, Credits: 8, Category: "professional"},
			{Line: 2, PersonID: p2.ID, Credits: 7.5, Category: "professional"}}, store.Actor{Role: "institution"}, "k1")
	if err != nil {
		t.Fatal(err)
	}
	if again, existed, err := s.CreateRecordBatch(ctx, store.RecordBatch{FilingID: f.ID, ContentType: "text/csv", RequestHash: upload},
		[]store.RecordRow{{Line: 1, PersonID: p1.ID, Credits: 1, Category: "professional"}}, store.Actor{Role: "institution"}, "k1"); err != nil || !existed || again.ID != batch.ID {
		t.Fatalf("repeated upload: %v %v %+v", err, existed, again)
	}
	f.Stage, f.Seq, f.RecordsBatchID = store.StageCompleted, 5, &batch.ID
	d := &store.FilingDecision{Step: "records", Decision: "approve", Actor: store.Actor{AccountID: 0, Role: "reviewer", Region: "210102"},
		AssignedRegion: "210102", Round: 1, RequestID: "decide:1:k", DecidedAt: time.Now()}
	ch := store.FilingChange{Filing: f, Decision: d, BatchStatus: store.BatchApproved, PostCredits: true,
		Review: &store.ReviewItem{SubjectKind: "filing", SubjectID: f.ID, Step: "records", Title: f.Title, Region: f.Region, AssignedRegion: f.Region}}
	for i, want := range []bool{true, false} {
		applied, _, err := s.ApplyFilingChange(ctx, ch)
		if err != nil || applied != want {
			t.Fatalf("apply #%d: applied=%v err=%v", i+1, applied, err)
		}
	}
	older := f
	older.Seq, older.Stage = 4, store.StageRecordsReview
	if applied, _, err := s.ApplyFilingChange(ctx, store.FilingChange{Filing: older}); err != nil || applied {
		t.Fatalf("older state applied=%v err=%v", applied, err)
	}
	got, err := s.GetFiling(ctx, f.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Stage != store.StageCompleted || len(got.Decisions) != 1 || got.Decisions[0].Actor.Region != "210102" {
		t.Errorf("filing: stage %s, %d decisions", got.Stage, len(got.Decisions))
	}
	var entries int
	var credits float64
	if err := s.Pool.QueryRow(ctx, `SELECT count(*), sum(credits)::float8 FROM credit_ledger WHERE source_ref LIKE 'filing:%'`).Scan(&entries, &credits); err != nil {
		t.Fatal(err)
	}
	if entries != 2 || credits != 15.5 {
		t.Errorf("ledger: %d entries, %.2f credits", entries, credits)
	}
	var audits int
	if err := s.Pool.QueryRow(ctx, `SELECT count(*) FROM audit_log WHERE subject_id = $1`, fmt.Sprint(f.ID)).Scan(&audits); err != nil {
		t.Fatal(err)
	}
	if audits != 3 { // submit, upload, decide
		t.Errorf("%d audit lines, want 3", audits)
	}
}

// A person in two trainings that overlap is flagged with both filings.
func TestOverlapFlags(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	start := time.Date(2025, 6, 20, 9, 0, 0, 0, calendar.Shanghai)
	a, b := newFiling(t, s, start), newFiling(t, s, start.Add(4*time.Hour))
	p := addPerson(t, s, 7, "210102", 2020)
	row := []store.RecordRow{{Line: 1, PersonID: p.ID, Credits: 4, Category: "professional"}}
	for i, f := range []store.Filing{a, b} {
		batch, _, err := s.CreateRecordBatch(ctx, store.RecordBatch{FilingID: f.ID, ContentType: "text/csv"}, row, store.Actor{Role: "institution"}, "")
		if err != nil {
			t.Fatal(err)
		}
		f.Stage, f.Seq, f.RecordsBatchID = store.StageRecordsReview, 1, &batch.ID
		item := store.ReviewItem{SubjectKind: "filing", SubjectID: f.ID, Step: "records", Title: f.Title, Region: f.Region, AssignedRegion: f.Region, Open: true}
		_, flags, err := s.ApplyFilingChange(ctx, store.FilingChange{Filing: f, Review: &item, CheckOverlaps: true, BatchStatus: store.BatchInReview})
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 && len(flags) != 0 {
			t.Errorf("first training flagged: %+v", flags)
		}
		if i == 1 && (len(flags) != 1 || flags[0].PersonID != p.ID || flags[0].Filings[0] != b.ID || flags[0].Filings[1] != a.ID ||
			flags[0].IDNumberMasked != codes.MaskIDCard(p.IDNumber)) {
			t.Errorf("second training flags: %+v", flags)
		}
	}
	items, total, err := s.Inbox(ctx, store.InboxFilter{Scope: store.RegionScope{Prefix: "2101"}, Page: 1, PageSize: 10})
	if err != nil || total != 2 || len(items) != 2 {
		t.Fatalf("city inbox: %d items, total %d, %v", len(items), total, err)
	}
	if items, _, _ := s.Inbox(ctx, store.InboxFilter{Scope: store.RegionScope{Exact: "210103"}, Page: 1, PageSize: 10}); len(items) != 0 {
		t.Errorf("another county's inbox: %+v", items)
	}
}

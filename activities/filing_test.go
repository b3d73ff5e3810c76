package activities_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/liaoning-finance/cpe/activities"
	"github.com/liaoning-finance/cpe/calendar"
	"github.com/liaoning-finance/cpe/internal/testdb"
	"github.com/liaoning-finance/cpe/store"
)

// The filing activity shows the reviewer the daily hours that approving the
// records would exceed, and its approval posts the credits as learning time
// and records the flag.
func TestApplyFilingChangeChecksDailyHours(t *testing.T) {
	a, s, p, f, batch, item := recordsReviewFixture(t)
	ctx := context.Background()
	f.Stage, f.Seq, f.RecordsBatchID = store.StageRecordsReview, 1, &batch.ID
	flags, err := a.ApplyFilingChange(ctx, store.FilingChange{Filing: f, Review: &item, CheckOverlaps: true,
		BatchStatus: store.BatchInReview})
	if err != nil || len(flags) != 1 || flags[0].Kind != store.FlagDailyHours || flags[0].PersonID != p.ID {
		t.Fatalf("flags of the records review = %+v (%v), want p's daily hours", flags, err)
	}
	item.Open = false
	f.Stage, f.Seq = store.StageCompleted, 2
	if _, err := a.ApplyFilingChange(ctx, store.FilingChange{Filing: f, Review: &item, BatchStatus: store.BatchApproved,
		PostCredits: true}); err != nil {
		t.Fatal(err)
	}
	year, err := s.CreditYear(ctx, p.ID, 2025)
	if err != nil || len(year.Flags) != 1 || year.Flags[0].Day.String() != "2025-06-10" || year.Flags[0].Hours != 28 {
		t.Fatalf("flags after approval = %+v (%v), want 28 hours on 2025-06-10", year.Flags, err)
	}
	posted := 0
	for _, e := range year.Entries {
		if e.Source != "filing" {
			continue
		}
		posted++
		if e.Hours == nil || *e.Hours != 8 || e.From == nil || e.From.String() != "2025-06-10" {
			t.Errorf("filing entry %+v, want 8 hours from 2025-06-10", e)
		}
	}
	if posted != 1 {
		t.Errorf("%d filing entries, want 1", posted)
	}
}

// ApplyFilingChangeCounted, the activity of the workflows since the
// "filing-change-flag-count" change, returns the number of the review
// item's flags only: no person's data goes into the workflow's history.
func TestApplyFilingChangeCountedReturnsCount(t *testing.T) {
	a, _, _, f, batch, item := recordsReviewFixture(t)
	ctx := context.Background()
	f.Stage, f.Seq, f.RecordsBatchID = store.StageRecordsReview, 1, &batch.ID
	ch := store.FilingChange{Filing: f, Review: &item, CheckOverlaps: true, BatchStatus: store.BatchInReview}
	for i := range 2 { // the second is a retry of the first
		res, err := a.ApplyFilingChangeCounted(ctx, ch)
		if err != nil || res != (activities.FilingChangeResult{Flags: 1}) {
			t.Fatalf("attempt %d: %+v (%v), want 1 flag (p's daily hours)", i+1, res, err)
		}
	}
}

// recordsReviewFixture is a filing of 2025-06-10 (8 hours) whose records
// batch holds person p, who already has 20 hours of online learning that
// day: approving the records would make 28 hours in one day.
func recordsReviewFixture(t *testing.T) (*activities.Activities, *store.Store, store.Person, store.Filing, store.RecordBatch, store.ReviewItem) {
	t.Helper()
	s, _ := testdb.New(t)
	ctx := context.Background()
	a := &activities.Activities{Store: s, Log: slog.New(slog.DiscardHandler)}
	p := testdb.Person(t, s, 1, "210102", "甲", 2020)
	if err := s.InTx(ctx, func(tx pgx.Tx) error {
		_, err := store.PostOnlineCredits(ctx, tx, testdb.OnlineInstitution(t, s), []store.OnlineCredit{{RecordID: "R-1",
			PersonID: p.ID, Year: 2025, Category: "public", Credits: 20, CompletedOn: date(t, "2025-06-10"),
			CourseID: "C-1", Level: "junior"}})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	inst, err := store.CreateInstitution(ctx, s.Pool, store.Institution{Name: "培训中心", USCC: testdb.USCC("210102", 1),
		Kind: "face_to_face", Region: "210102"})
	if err != nil {
		t.Fatal(err)
	}
	id, err := store.NextFilingID(ctx, s.Pool)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2025, 6, 10, 9, 0, 0, 0, calendar.Shanghai)
	f := store.Filing{ID: id, InstitutionID: inst.ID, Region: "210102", City: "210100", Title: "准则培训",
		Category: "professional", Level: "junior", Venue: "沈阳", StartAt: start, EndAt: start.Add(8 * time.Hour),
		Credits: 8, Year: 2025}
	if err := a.CreateFiling(ctx, activities.CreateFilingInput{Filing: f, Actor: store.Actor{Role: "institution"}}); err != nil {
		t.Fatal(err)
	}
	batch, _, err := s.CreateRecordBatch(ctx, store.RecordBatch{FilingID: id, ContentType: "text/csv"},
		[]store.RecordRow{{Line: 1, PersonID: p.ID, Credits: 8, Category: "professional"}}, store.Actor{Role: "institution"}, "")
	if err != nil {
		t.Fatal(err)
	}
	item := store.ReviewItem{SubjectKind: "filing", SubjectID: id, Step: "records", Title: f.Title, Region: f.Region,
		AssignedRegion: f.Region, Open: true}
	return a, s, p, f, batch, item
}

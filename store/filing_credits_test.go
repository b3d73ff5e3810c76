package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/liaoning-finance/cpe/calendar"
	"github.com/liaoning-finance/cpe/internal/testdb"
	"github.com/liaoning-finance/cpe/store"
)

// filingLedger returns the learning time of the filing entries of person:
// "earned_from…earned_on hours" each, by id.
func filingLedger(tb testing.TB, s *store.Store, person int64) []string {
	tb.Helper()
	rows, err := s.Pool.Query(context.Background(), `SELECT earned_from::text || '…' || earned_on::text || ' ' || hours::text
		FROM credit_ledger WHERE source_kind = 'filing' AND person_id = $1 ORDER BY id`, person)
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var line *string
		if err := rows.Scan(&line); err != nil {
			tb.Fatal(err)
		}
		if line == nil {
			out = append(out, "no learning time")
		} else {
			out = append(out, *line)
		}
	}
	return out
}

// Approved records are learning time over the training's days, converted at
// the policy's credits_per_hour, and the persons' days are checked in the
// same change.
func TestFilingCreditsAreLearningTime(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	inst := testdb.OnlineInstitution(t, s)
	p, q := addPerson(t, s, 21, "210102", 2020), addPerson(t, s, 22, "210102", 2020)
	post(t, s, inst, []store.OnlineCredit{online(t, "A", p.ID, "2025-06-02", 15)})
	completeFiling(t, s, addFiling(t, s, "2025-06-01", "2025-06-03", 30, p.ID, q.ID))
	for _, person := range []int64{p.ID, q.ID} {
		if got := filingLedger(t, s, person); len(got) != 1 || got[0] != "2025-06-01…2025-06-03 30.00" {
			t.Errorf("person %d: filing entries %q, want 30 hours over 2025-06-01…2025-06-03", person, got)
		}
	}
	flags, err := store.IntegrityFlags(ctx, s.Pool, p.ID, 2025)
	if err != nil || len(flags) != 1 || flags[0].Day.String() != "2025-06-02" || flags[0].Hours != 25 {
		t.Errorf("p's flags = %+v (%v), want 25 hours on 2025-06-02 from the posting", flags, err)
	}
	if flags, _ := store.IntegrityFlags(ctx, s.Pool, q.ID, 2025); len(flags) != 0 {
		t.Errorf("q flagged: %+v", flags)
	}
	// Two credits per learning hour: 8 credits are 4 hours.
	pol, err := s.Policy(ctx, 2025)
	if err != nil {
		t.Fatal(err)
	}
	pol.CreditsPerHour = 2
	if err := store.PutPolicy(ctx, s.Pool, pol); err != nil {
		t.Fatal(err)
	}
	completeFiling(t, s, addFiling(t, s, "2025-06-20", "2025-06-20", 8, q.ID))
	if got := filingLedger(t, s, q.ID); len(got) != 2 || got[1] != "2025-06-20…2025-06-20 4.00" {
		t.Errorf("q's filing entries %q, want 4 hours on 2025-06-20", got)
	}
}

// Opening a records review shows the reviewer the days on which approving
// the batch would exceed the day's hours; a new round keeps them once.
func TestRecordsReviewShowsProspectiveDailyHours(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	p := addPerson(t, s, 23, "210102", 2020)
	post(t, s, testdb.OnlineInstitution(t, s), []store.OnlineCredit{online(t, "A", p.ID, "2025-06-10", 20)})
	f := newFiling(t, s, time.Date(2025, 6, 10, 9, 0, 0, 0, calendar.Shanghai))
	open := func(seq int64) []store.Flag {
		t.Helper()
		batch, _, err := s.CreateRecordBatch(ctx, store.RecordBatch{FilingID: f.ID, ContentType: "text/csv"},
			[]store.RecordRow{{Line: 1, PersonID: p.ID, Credits: 8, Category: "professional"}}, store.Actor{Role: "institution"}, "")
		if err != nil {
			t.Fatal(err)
		}
		f.Stage, f.Seq, f.RecordsBatchID = store.StageRecordsReview, seq, &batch.ID
		item := store.ReviewItem{SubjectKind: "filing", SubjectID: f.ID, Step: "records", Title: f.Title, Region: f.Region,
			AssignedRegion: f.Region, Open: true}
		_, flags, err := s.ApplyFilingChange(ctx, store.FilingChange{Filing: f, Review: &item, CheckOverlaps: true,
			BatchStatus: store.BatchInReview})
		if err != nil {
			t.Fatal(err)
		}
		return flags
	}
	flags := open(1)
	if len(flags) != 1 || flags[0].Kind != store.FlagDailyHours || flags[0].PersonID != p.ID {
		t.Fatalf("flags = %+v, want p's daily hours on 2025-06-10 (20 online + 8)", flags)
	}
	if again := open(2); len(again) != 1 {
		t.Errorf("flags of the second round = %+v, want the same flag once", again)
	}
}

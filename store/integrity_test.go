package store_test

import (
	"context"
	"testing"

	"github.com/liaoning-finance/cpe/internal/testdb"
	"github.com/liaoning-finance/cpe/store"
)

// ledgerEntry inserts a 2025 ledger entry directly, as another source would.
func ledgerEntry(tb testing.TB, s *store.Store, person int64, kind, ref, from, on string, credits float64, hours *float64) {
	tb.Helper()
	var fromArg *string
	if from != "" {
		fromArg = &from
	}
	if _, err := s.Pool.Exec(context.Background(), `INSERT INTO credit_ledger (person_id, year, category, credits,
			source_kind, source_ref, earned_from, earned_on, hours)
		VALUES ($1, 2025, 'professional', $2, $3, $4, $5::date, $6::date, $7)`,
		person, credits, kind, ref, fromArg, on, hours); err != nil {
		tb.Fatalf("insert ledger entry: %v", err)
	}
}

// addFiling inserts a filing in records review from start to end (dates,
// 09:00–17:00 Asia/Shanghai) with a records batch listing persons, and its
// open review item (no batch when there are no persons); it returns the
// filing id.
func addFiling(tb testing.TB, s *store.Store, start, end string, credits float64, persons ...int64) int64 {
	tb.Helper()
	ctx := context.Background()
	var inst, id, batch int64
	err := s.Pool.QueryRow(ctx, `INSERT INTO institutions (name, uscc, kind, region)
		VALUES ('面授机构', '91210102MA0000001X', 'face_to_face', '210102') ON CONFLICT (uscc) DO UPDATE SET name = EXCLUDED.name
		RETURNING id`).Scan(&inst)
	if err == nil {
		err = s.Pool.QueryRow(ctx, `INSERT INTO filings (institution_id, region, city, title, category, level, venue,
				start_at, end_at, credits, year, stage, review_step, workflow_id)
			VALUES ($1, '210102', '210100', '培训', 'professional', 'junior', '沈阳', ($2 || ' 09:00+08')::timestamptz,
				($3 || ' 17:00+08')::timestamptz, $4, 2025, 'records_review', 'records', 'filing-' || gen_random_uuid())
			RETURNING id`, inst, start, end, credits).Scan(&id)
	}
	if err == nil && len(persons) > 0 {
		err = s.Pool.QueryRow(ctx, `INSERT INTO record_batches (filing_id, row_count, credits_total, content_type)
			VALUES ($1, $2, 0, 'application/json') RETURNING id`, id, len(persons)).Scan(&batch)
	}
	for i, p := range persons {
		if err == nil {
			_, err = s.Pool.Exec(ctx, `INSERT INTO record_rows (batch_id, line, person_id, credits, category)
				VALUES ($1, $2, $3, $4, 'professional')`, batch, i+1, p, credits)
		}
	}
	if err == nil && len(persons) > 0 {
		_, err = s.Pool.Exec(ctx, `UPDATE filings SET records_batch_id = $2 WHERE id = $1`, id, batch)
	}
	if err == nil {
		err = store.UpsertReviewItem(ctx, s.Pool, store.ReviewItem{SubjectKind: "filing", SubjectID: id, Step: "records",
			Title: "培训", Region: "210102", AssignedRegion: "210102", Open: true})
	}
	if err != nil {
		tb.Fatalf("add filing: %v", err)
	}
	return id
}

// completeFiling approves the records of a filing added by addFiling: the
// review closes and the credits are posted.
func completeFiling(tb testing.TB, s *store.Store, id int64) store.Filing {
	tb.Helper()
	ctx := context.Background()
	f, err := s.GetFiling(ctx, id)
	if err != nil {
		tb.Fatal(err)
	}
	f.Stage, f.Seq, f.ReviewStep = store.StageCompleted, f.Seq+1, ""
	item := store.ReviewItem{SubjectKind: "filing", SubjectID: id, Step: "records", Title: f.Title, Region: f.Region,
		AssignedRegion: f.Region}
	if applied, _, err := s.ApplyFilingChange(ctx, store.FilingChange{Filing: f, Review: &item,
		BatchStatus: store.BatchApproved, PostCredits: true}); err != nil || !applied {
		tb.Fatalf("complete filing %d: applied %v, %v", id, applied, err)
	}
	return f
}

// online returns an online credit of person for 2025.
func online(tb testing.TB, record string, person int64, on string, credits float64) store.OnlineCredit {
	return store.OnlineCredit{RecordID: record, PersonID: person, Year: 2025, Category: "public", Credits: credits,
		CompletedOn: day(tb, on), CourseID: "C-1", Level: "junior"}
}

func TestDailyHoursAcrossSources(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	inst := testdb.OnlineInstitution(t, s)
	p := addPerson(t, s, 2, "210102", 2020)
	q := addPerson(t, s, 3, "210102", 2020)
	// A three-day claim of 30 hours: 10 a day on 05-09 … 05-11; an exam
	// pass is not learning time.
	thirty := 30.0
	ledgerEntry(t, s, p.ID, "claim", "claim:1", "2025-05-09", "2025-05-11", 30, &thirty)
	ledgerEntry(t, s, p.ID, "claim", "claim:2", "", "2025-05-10", 90, nil)
	// Exactly 24 hours on 05-10 is not more than the day has.
	if got := post(t, s, inst, []store.OnlineCredit{online(t, "A", p.ID, "2025-05-10", 14),
		online(t, "Q", q.ID, "2025-05-10", 24)}); len(got.Flags) != 0 {
		t.Fatalf("flags = %+v, want none at exactly 24 hours", got.Flags)
	}
	got := post(t, s, inst, []store.OnlineCredit{online(t, "B", p.ID, "2025-05-10", 0.5)})
	if len(got.Flags) != 1 || got.Flags[0].PersonID != p.ID || got.Flags[0].Day.String() != "2025-05-10" ||
		got.Flags[0].Hours != 24.5 || len(got.Flags[0].EntryIDs) != 3 {
		t.Fatalf("flags = %+v, want p on 2025-05-10 with 24.5 hours from 3 entries", got.Flags)
	}
	if again := post(t, s, inst, []store.OnlineCredit{online(t, "B", p.ID, "2025-05-10", 0.5)}); len(again.Flags) != 0 {
		t.Errorf("resend raised flags again: %+v", again.Flags)
	}
	flags, err := store.IntegrityFlags(ctx, s.Pool, p.ID, 2025)
	if err != nil || len(flags) != 1 {
		t.Fatalf("IntegrityFlags = %+v, %v", flags, err)
	}
	if flags, _ := store.IntegrityFlags(ctx, s.Pool, q.ID, 2025); len(flags) != 0 {
		t.Errorf("q flagged: %+v", flags)
	}
}

func TestDailyHoursFilingSpreadAndReviewFlags(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	inst := testdb.OnlineInstitution(t, s)
	p := addPerson(t, s, 4, "210102", 2020)
	// Approved filing credits: 30 credits, 30 learning hours over the
	// training's three days, 10 a day.
	completeFiling(t, s, addFiling(t, s, "2025-06-01", "2025-06-03", 30, p.ID))
	// A later filing whose records are under review lists p.
	pending := addFiling(t, s, "2025-06-10", "2025-06-10", 8, p.ID)
	if got := post(t, s, inst, []store.OnlineCredit{online(t, "A", p.ID, "2025-06-03", 14)}); len(got.Flags) != 0 {
		t.Fatalf("flags = %+v: the filing's credits must be spread over its days", got.Flags)
	}
	got := post(t, s, inst, []store.OnlineCredit{online(t, "B", p.ID, "2025-06-02", 15), online(t, "C", p.ID, "2025-06-10", 25)})
	if len(got.Flags) != 2 {
		t.Fatalf("flags = %+v, want 06-02 and 06-10", got.Flags)
	}
	var reviewFlags []store.Flag
	if err := s.Pool.QueryRow(ctx, `SELECT flags FROM review_items WHERE subject_kind = 'filing' AND subject_id = $1`,
		pending).Scan(&reviewFlags); err != nil {
		t.Fatal(err)
	}
	if len(reviewFlags) != 1 || reviewFlags[0].Kind != store.FlagDailyHours || reviewFlags[0].PersonID != p.ID ||
		reviewFlags[0].IDNumberMasked != "210102********"+testdb.IDNumber(4)[14:] {
		t.Fatalf("review flags = %+v, want one daily_hours flag for p on 06-10", reviewFlags)
	}
	// Adding the same flag again keeps one copy.
	if err := store.AddReviewFlags(ctx, s.Pool, "filing", pending, "records", reviewFlags); err != nil {
		t.Fatal(err)
	}
	if err := s.Pool.QueryRow(ctx, `SELECT flags FROM review_items WHERE subject_kind = 'filing' AND subject_id = $1`,
		pending).Scan(&reviewFlags); err != nil || len(reviewFlags) != 1 {
		t.Fatalf("after adding again: %+v, %v", reviewFlags, err)
	}
	// Approving the pending records (8 h on 06-10, already 25 online) would
	// make 33 hours.
	prospective, err := store.ProspectiveDailyHours(ctx, s.Pool, []store.HoursEntry{
		{PersonID: p.ID, From: day(t, "2025-06-10"), To: day(t, "2025-06-10"), Hours: 8, Year: 2025}})
	if err != nil || len(prospective) != 1 || prospective[0].Hours != 33 {
		t.Fatalf("ProspectiveDailyHours = %+v, %v; want 33 hours on 06-10", prospective, err)
	}
}

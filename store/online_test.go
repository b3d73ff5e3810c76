package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/liaoning-finance/cpe/calendar"
	"github.com/liaoning-finance/cpe/internal/testdb"
	"github.com/liaoning-finance/cpe/store"
)

// day parses a date or fails the test.
func day(tb testing.TB, s string) calendar.Date {
	tb.Helper()
	d, err := calendar.ParseDate(s)
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

// post posts rows for institution inst in one transaction.
func post(tb testing.TB, s *store.Store, inst int64, rows []store.OnlineCredit) store.OnlinePosting {
	tb.Helper()
	var out store.OnlinePosting
	err := s.InTx(context.Background(), func(tx pgx.Tx) error {
		var err error
		out, err = store.PostOnlineCredits(context.Background(), tx, inst, rows)
		return err
	})
	if err != nil {
		tb.Fatalf("post online credits: %v", err)
	}
	return out
}

func TestPostOnlineCreditsIdempotent(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	inst := testdb.OnlineInstitution(t, s)
	p := addPerson(t, s, 1, "210102", 2020)
	rows := []store.OnlineCredit{
		{RecordID: "R-1", PersonID: p.ID, Year: 2025, Category: "professional", Credits: 12.5,
			CompletedOn: day(t, "2025-03-01"), CourseID: "C-100", Level: "junior"},
		{RecordID: "R-2", PersonID: p.ID, Year: 2025, Category: "public", Credits: 10,
			CompletedOn: day(t, "2025-12-31"), CourseID: "C-200", Level: "senior"},
	}
	if got := post(t, s, inst, rows); got.Inserted != 2 || len(got.Conflicts) != 0 || len(got.Flags) != 0 {
		t.Fatalf("first post = %+v, want 2 inserted", got)
	}
	if got := post(t, s, inst, rows); got.Inserted != 0 || len(got.Conflicts) != 0 {
		t.Fatalf("resend = %+v, want nothing inserted and no conflicts", got)
	}
	changed := slices.Clone(rows)
	changed[1].Credits = 20
	if got := post(t, s, inst, changed); got.Inserted != 0 || !slices.Equal(got.Conflicts, []string{"R-2"}) {
		t.Fatalf("changed resend = %+v, want conflict R-2", got)
	}
	other := testdb.OnlineInstitution(t, s) + 1
	if got := post(t, s, other, rows[:1]); got.Inserted != 1 {
		t.Fatalf("same record id of another institution = %+v, want inserted", got)
	}
	y, err := s.CreditYear(ctx, p.ID, 2025)
	if err != nil {
		t.Fatal(err)
	}
	if len(y.Entries) != 3 {
		t.Fatalf("entries = %+v, want 3", y.Entries)
	}
	e := y.Entries[0]
	if e.Source != "online" || e.Credits != 12.5 || e.Date.String() != "2025-03-01" || e.Hours == nil || *e.Hours != 12.5 ||
		e.Institution == "" || e.Description != "网络课程 C-100（初级）" || e.Reference != store.OnlineCreditRef(inst, "R-1") {
		t.Errorf("entry = %+v", e)
	}
	if last := y.Entries[2]; last.Credits != 10 || last.Date.String() != "2025-12-31" {
		t.Errorf("last entry = %+v, want the first posting of R-2 kept", last)
	}
}

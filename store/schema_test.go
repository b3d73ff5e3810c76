package store_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/liaoning-finance/cpe/calendar"
	"github.com/liaoning-finance/cpe/internal/testdb"
	"github.com/liaoning-finance/cpe/store"
)

func TestMigrateAndSeedAreIdempotent(t *testing.T) {
	s, _ := testdb.New(t)
	ctx := context.Background()
	if err := s.Migrate(ctx, slog.New(slog.DiscardHandler)); err != nil {
		t.Fatal(err)
	}
	if err := s.SeedBuiltins(ctx); err != nil {
		t.Fatal(err)
	}
	var regions, online, years, policies int
	err := s.Pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM regions), (SELECT count(*) FROM institutions WHERE kind = 'online'),
		(SELECT count(*) FROM calendar_years), (SELECT count(*) FROM policies)`).Scan(&regions, &online, &years, &policies)
	if err != nil {
		t.Fatal(err)
	}
	if regions != 14 || online != 5 || years != 2 || policies != 2 {
		t.Fatalf("regions %d online %d calendar years %d policies %d; want 14 5 2 2", regions, online, years, policies)
	}
}

func TestAuditLogIsAppendOnly(t *testing.T) {
	s, _ := testdb.New(t)
	ctx := context.Background()
	if err := s.Audit(ctx, store.AuditEntry{Role: "admin", Action: "test", SubjectKind: "x", SubjectID: "1"}); err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{`UPDATE audit_log SET action = 'changed'`, `DELETE FROM audit_log`, `TRUNCATE audit_log`} {
		_, err := s.Pool.Exec(ctx, stmt)
		if err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: got %v, want the append-only refusal", stmt, err)
		}
	}
	var n int
	if err := s.Pool.QueryRow(ctx, `SELECT count(*) FROM audit_log WHERE action = 'test'`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("audit rows %d (%v), want 1", n, err)
	}
}

func TestCalendarRoundTrip(t *testing.T) {
	s, _ := testdb.New(t)
	ctx := context.Background()
	d := func(v string) calendar.Date {
		x, err := calendar.ParseDate(v)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	y := calendar.Year{Year: 2027, DaysOff: []calendar.Date{d("2027-01-01")}, Workdays: []calendar.Date{d("2027-01-02")}}
	if err := store.PutCalendarYear(ctx, s.Pool, y); err != nil {
		t.Fatal(err)
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !cal.HasYear(2027) || !cal.HasYear(2025) {
		t.Fatal("loaded calendar lacks a year")
	}
	if w, known := cal.IsWorkingDay(d("2027-01-02")); !w || !known {
		t.Fatalf("2027-01-02 (adjusted Saturday): working %v known %v", w, known)
	}
	dl, err := cal.AddWorkingDays(d("2025-04-30"), 10)
	if err != nil || dl.Date.String() != "2025-05-19" || dl.Provisional {
		t.Fatalf("deadline from the stored 2025 data: %+v %v", dl, err)
	}
}

func TestAccountsByTokenAndLabel(t *testing.T) {
	s, _ := testdb.New(t)
	ctx := context.Background()
	region := "210100"
	a, err := store.PutAccountByLabel(ctx, s.Pool, store.Account{Role: "reviewer", Region: &region, Label: "r"}, "token-one")
	if err != nil {
		t.Fatal(err)
	}
	again, err := store.PutAccountByLabel(ctx, s.Pool, store.Account{Role: "reviewer", Region: &region, Label: "r"}, "token-two")
	if err != nil || again.ID != a.ID {
		t.Fatalf("second put made account %d (%v), want the same %d", again.ID, err, a.ID)
	}
	if _, err := s.AccountByToken(ctx, "token-one"); err != store.ErrNotFound {
		t.Fatalf("old token: %v, want ErrNotFound", err)
	}
	got, err := s.AccountByToken(ctx, "token-two")
	if err != nil || got.ID != a.ID || *got.Region != "210100" {
		t.Fatalf("new token: %+v %v", got, err)
	}
}

func TestEnsureDatabaseCreatesOnce(t *testing.T) {
	_, url := testdb.New(t)
	ctx := context.Background()
	fresh := strings.Replace(url, "/cpe_test_", "/cpe_fresh_", 1)
	t.Cleanup(func() {
		s, err := store.Open(ctx, strings.Replace(fresh, "/cpe_fresh_", "/cpe_test_", 1), false)
		if err == nil {
			_, _ = s.Pool.Exec(ctx, "DROP DATABASE IF EXISTS "+fresh[strings.LastIndex(fresh, "/")+1:strings.Index(fresh, "?")]+" WITH (FORCE)")
			s.Close()
		}
	})
	for range 2 {
		if err := store.EnsureDatabase(ctx, fresh); err != nil {
			t.Fatal(err)
		}
	}
	s, err := store.Open(ctx, fresh, false)
	if err != nil {
		t.Fatalf("the created database does not open: %v", err)
	}
	s.Close()
}

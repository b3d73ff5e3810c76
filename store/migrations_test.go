package store_test

import (
	"context"
	"log/slog"
	"testing"

	"github.com/liaoning-finance/cpe/store"
)

// Migrations 00005 and 00006 bring data written before them up to date: a
// stored policy without credits_per_hour gets 1, and a filing entry without
// learning time gets its credits as hours over the training's days.
func TestMigrationsFillPolicyAndFilingLearningTime(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	p := addPerson(t, s, 25, "210102", 2020)
	f := addFiling(t, s, "2025-06-01", "2025-06-03", 30, p.ID)
	ledgerEntry(t, s, p.ID, "filing", store.FilingCreditRef(f, p.ID), "", "2025-06-03", 30, nil)
	if _, err := s.Pool.Exec(ctx, `UPDATE policies SET body = body - 'credits_per_hour'`); err != nil {
		t.Fatal(err)
	}
	if pol, err := s.Policy(ctx, 2025); err != nil || pol.CreditsPerHour != 0 {
		t.Fatalf("policy before the migration: credits_per_hour %g (%v), want 0", pol.CreditsPerHour, err)
	}
	// Every migration from 00005 on runs again (goose applies none lower
	// than the database's version); each is written to allow it.
	if _, err := s.Pool.Exec(ctx, `DELETE FROM goose_db_version WHERE version_id >= 5`); err != nil {
		t.Fatal(err)
	}
	if err := s.Migrate(ctx, slog.New(slog.DiscardHandler)); err != nil {
		t.Fatal(err)
	}
	for _, year := range []int{2025, 2026} {
		if pol, err := s.Policy(ctx, year); err != nil || pol.CreditsPerHour != 1 || pol.Validate() != nil {
			t.Errorf("policy %d after the migration: credits_per_hour %g (%v, %v), want 1", year, pol.CreditsPerHour,
				err, pol.Validate())
		}
	}
	if got := filingLedger(t, s, p.ID); len(got) != 1 || got[0] != "2025-06-01…2025-06-03 30.00" {
		t.Errorf("filing entry after the migration: %q, want 30 hours over 2025-06-01…2025-06-03", got)
	}
	// A training of many days may have more than 999.99 hours.
	hours := 1200.0
	ledgerEntry(t, s, p.ID, "claim", "claim:long", "2025-01-01", "2025-12-31", 1200, &hours)
}

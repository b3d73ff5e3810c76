package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/liaoning-finance/cpe/store"
)

// BenchmarkComplianceEvaluation evaluates 2025 for 200,000 persons with 10
// ledger entries each, in pages of 2,000 as the workflow's activities do,
// and then builds the report (counts per region and the first page of
// those short).
func BenchmarkComplianceEvaluation(b *testing.B) {
	const persons, perPerson, pageSize = 200_000, 10, 2000
	s := newStore(b)
	ctx := context.Background()
	regions := []string{"210102", "210103", "210100", "210300", "211402"}
	if _, err := s.Pool.CopyFrom(ctx, pgx.Identifier{"persons"},
		[]string{"id_number", "name", "region", "title_level", "obligation_start_year"},
		pgx.CopyFromSlice(persons, func(i int) ([]any, error) {
			return []any{fmt.Sprintf("%018d", i), fmt.Sprintf("学员%d", i), regions[i%len(regions)], "junior", 2020 + i%7}, nil
		})); err != nil {
		b.Fatal(err)
	}
	if _, err := s.Pool.Exec(ctx, `INSERT INTO credit_ledger (person_id, year, category, credits, source_kind, source_ref, earned_on, hours)
		SELECT p.id, 2025, CASE WHEN k % 3 = 0 THEN 'public' ELSE 'professional' END, 8 + (p.id % 5), 'online',
			'online:bench:' || p.id || ':' || k, DATE '2025-03-01' + k * 7, 8
		FROM persons p, generate_series(1, $1) k`, perPerson); err != nil {
		b.Fatal(err)
	}
	if _, err := s.Pool.Exec(ctx, `ANALYZE`); err != nil {
		b.Fatal(err)
	}
	pol, err := s.Policy(ctx, 2025)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		at := time.Now()
		if err := s.StartComplianceRun(ctx, 2025, "bench", at); err != nil {
			b.Fatal(err)
		}
		var after int64
		evaluated := 0
		for {
			page, err := s.EvaluateCompliancePage(ctx, pol, "bench", after, pageSize, at)
			if err != nil {
				b.Fatal(err)
			}
			evaluated += page.Evaluated
			after = page.LastPersonID
			if page.Evaluated < pageSize {
				break
			}
		}
		if err := s.FinishComplianceRun(ctx, 2025, "bench", evaluated, time.Now()); err != nil {
			b.Fatal(err)
		}
		if evaluated != persons {
			b.Fatalf("evaluated %d persons, want %d", evaluated, persons)
		}
		scope := store.RegionScope{Prefix: "21"}
		if _, err := s.ComplianceByRegion(ctx, 2025, scope); err != nil {
			b.Fatal(err)
		}
		if _, _, err := s.ShortPersons(ctx, 2025, scope, 1, 50); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(persons*b.N)/b.Elapsed().Seconds(), "persons/s")
}

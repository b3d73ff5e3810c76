package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/liaoning-finance/cpe/internal/testdb"
)

// benchRows is the batch size of the feed benchmark: the most one request
// may carry.
const benchRows = maxOnlineRows

// BenchmarkOnlineFeed posts batches of 50,000 new records through the HTTP
// handler (decode, checks, one person lookup, COPY into a staging table,
// INSERT … ON CONFLICT, the daily-hours check and the audit line) and, in
// the same run, COPYs the same rows into a scratch table with plain pgx;
// both report rows/s.
func BenchmarkOnlineFeed(b *testing.B) {
	f := newFeedFixture(b)
	ctx := context.Background()
	if _, err := f.st.Pool.CopyFrom(ctx, pgx.Identifier{"persons"},
		[]string{"id_number", "name", "region", "title_level", "obligation_start_year"},
		pgx.CopyFromSlice(benchRows, func(i int) ([]any, error) {
			return []any{testdb.IDNumber(i), fmt.Sprintf("学员%d", i), "210102", "junior", 2020}, nil
		})); err != nil {
		b.Fatal(err)
	}
	batch := func(n int) []OnlineRecord {
		recs := make([]OnlineRecord, benchRows)
		for i := range recs {
			recs[i] = OnlineRecord{RecordID: fmt.Sprintf("B%d-%d", n, i), IDNumber: testdb.IDNumber(i), CourseID: "KJ-2025-01",
				Level: "intermediate", Category: "professional", Credits: 1.5,
				CompletedAt: fmt.Sprintf("2025-%02d-%02dT10:00:00+08:00", 3+n%9, 1+i%28)}
		}
		return recs
	}
	b.Run("feed", func(b *testing.B) {
		n := 0
		for b.Loop() {
			b.StopTimer()
			body, err := json.Marshal(map[string]any{"records": batch(n)})
			if err != nil {
				b.Fatal(err)
			}
			n++
			b.StartTimer()
			status, raw := f.send(b, http.MethodPost, "/v1/online-credits", f.instToken, body)
			if status != http.StatusOK || len(raw) < benchRows {
				b.Fatalf("post: %d %.300s", status, raw)
			}
		}
		b.ReportMetric(float64(benchRows*b.N)/b.Elapsed().Seconds(), "rows/s")
	})
	b.Run("copy", func(b *testing.B) {
		if _, err := f.st.Pool.Exec(ctx, `CREATE TABLE bench_copy (record_id text, id_number text, course_id text,
			level text, category text, credits numeric(7, 2), completed_at timestamptz)`); err != nil {
			b.Fatal(err)
		}
		n := 0
		for b.Loop() {
			b.StopTimer()
			recs := batch(n)
			rows := make([][]any, len(recs))
			for i, r := range recs {
				at, err := time.Parse(time.RFC3339, r.CompletedAt)
				if err != nil {
					b.Fatal(err)
				}
				rows[i] = []any{r.RecordID, r.IDNumber, r.CourseID, r.Level, r.Category, r.Credits, at}
			}
			n++
			b.StartTimer()
			if _, err := f.st.Pool.CopyFrom(ctx, pgx.Identifier{"bench_copy"},
				[]string{"record_id", "id_number", "course_id", "level", "category", "credits", "completed_at"},
				pgx.CopyFromRows(rows)); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(benchRows*b.N)/b.Elapsed().Seconds(), "rows/s")
	})
}

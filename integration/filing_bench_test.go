package integration

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/liaoning-finance/cpe/store"
)

// BenchmarkRecordsUploadToLedger10k measures a 10,000-row CSV records upload
// through HTTP and the records approval until all 10,000 credits are in the
// ledger, against a real dev server and PostgreSQL (run with -benchtime=1x).
func BenchmarkRecordsUploadToLedger10k(b *testing.B) {
	s := startStack(b)
	instID := s.institution("基准培训中心", "210102")
	inst := s.account(map[string]any{"role": "institution", "institution_id": instID})
	county := s.account(map[string]any{"role": "reviewer", "region": "210102"})
	ids := registerPersons(b, s, 10000)
	var csv strings.Builder
	csv.WriteString("身份证号,姓名,学分\n")
	for i, id := range ids {
		fmt.Fprintf(&csv, "%s,学员%d,8\n", id, i)
	}
	body := []byte(csv.String())
	var upload, approve time.Duration
	for b.Loop() {
		b.StopTimer()
		f := fileTraining(b, s, inst, county, 3*time.Second, true)
		path := fmt.Sprintf("/v1/filings/%d", f.ID)
		s.awaitStage(time.Minute, path, inst, store.StageAwaitingRecords)
		b.StartTimer()
		t0 := time.Now()
		s.must(http.StatusCreated, request{method: "POST", path: path + "/records", token: inst, body: body, ctype: "text/csv"}, nil)
		t1 := time.Now()
		var done store.Filing
		s.must(http.StatusOK, request{method: "POST", path: path + "/decisions", token: county,
			body: map[string]any{"step": "records", "decision": "approve"}}, &done)
		var n int
		if err := s.store.Pool.QueryRow(context.Background(), `SELECT count(*) FROM credit_ledger WHERE source_ref LIKE $1`,
			fmt.Sprintf("filing:%d:%%", f.ID)).Scan(&n); err != nil || n != len(ids) || done.Stage != store.StageCompleted {
			b.Fatalf("ledger has %d entries (%v), stage %s; want %d, completed", n, err, done.Stage, len(ids))
		}
		upload += t1.Sub(t0)
		approve += time.Since(t1)
	}
	b.ReportMetric(upload.Seconds()/float64(b.N), "upload-s/op")
	b.ReportMetric(approve.Seconds()/float64(b.N), "approve-to-ledger-s/op")
}

// BenchmarkFilingDecisions measures filing approvals through HTTP against
// the local dev server with 8 concurrent reviewers: decisions per second and
// the p50/p99 latency of one decision.
func BenchmarkFilingDecisions(b *testing.B) {
	s := startStack(b)
	instID := s.institution("基准培训中心", "210102")
	inst := s.account(map[string]any{"role": "institution", "institution_id": instID})
	county := s.account(map[string]any{"role": "reviewer", "region": "210102"})
	filings := make([]store.Filing, b.N)
	for i := range filings {
		filings[i] = fileTraining(b, s, inst, county, time.Hour, false)
	}
	// Let every review open (its deadline is computed by an activity).
	s.eventually(time.Minute, "reviews open", func() string {
		var n int
		_ = s.store.Pool.QueryRow(context.Background(), `SELECT count(*) FROM review_items WHERE open`).Scan(&n)
		if n < len(filings) {
			return fmt.Sprintf("%d of %d open", n, len(filings))
		}
		return ""
	})
	const workers = 8
	latencies := make([]time.Duration, len(filings))
	var wg sync.WaitGroup
	next := make(chan int)
	b.ResetTimer()
	start := time.Now()
	for range workers {
		wg.Go(func() {
			for i := range next {
				t0 := time.Now()
				status, raw := s.do(request{method: "POST", path: fmt.Sprintf("/v1/filings/%d/decisions", filings[i].ID),
					token: county, body: map[string]any{"step": "filing", "decision": "approve"}}, nil)
				latencies[i] = time.Since(t0)
				if status != http.StatusOK {
					b.Errorf("decision %d: %d %s", i, status, raw)
				}
			}
		})
	}
	for i := range filings {
		next <- i
	}
	close(next)
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	slices.Sort(latencies)
	b.ReportMetric(float64(len(filings))/elapsed.Seconds(), "decisions/s")
	b.ReportMetric(float64(latencies[len(latencies)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(latencies[len(latencies)*99/100].Microseconds())/1000, "p99-ms")
}

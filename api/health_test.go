package api

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"go.temporal.io/sdk/client"

	"github.com/liaoning-finance/cpe/internal/testdb"
	"github.com/liaoning-finance/cpe/store"
)

func readyz(t *testing.T, s *Server) (int, map[string]any) {
	t.Helper()
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/readyz", nil))
	var body map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatalf("readyz body %s: %v", rec.Body, err)
	}
	checks, _ := body["checks"].(map[string]any)
	return rec.Code, checks
}

// TestReadyzFailsWhenADependencyIsDown: nothing listens on port 1.
func TestReadyzFailsWhenADependencyIsDown(t *testing.T) {
	deadTemporal, err := client.NewLazyClient(client.Options{HostPort: "127.0.0.1:1"})
	if err != nil {
		t.Fatal(err)
	}
	defer deadTemporal.Close()
	deadPool, err := pgxpool.New(t.Context(), "postgres://postgres@127.0.0.1:1/none?sslmode=disable&connect_timeout=1")
	if err != nil {
		t.Fatal(err)
	}
	defer deadPool.Close()
	live, _ := testdb.New(t)

	s := testServer()
	s.Store, s.Temporal = &store.Store{Pool: deadPool}, deadTemporal
	status, checks := readyz(t, s)
	if status != http.StatusServiceUnavailable || checks["postgres"] != "unavailable" || checks["temporal"] != "unavailable" {
		t.Fatalf("both down: %d %v", status, checks)
	}
	s.Store = live
	status, checks = readyz(t, s)
	if status != http.StatusServiceUnavailable || checks["postgres"] != "ok" || checks["temporal"] != "unavailable" {
		t.Fatalf("Temporal down: %d %v", status, checks)
	}
}

func TestMetricsExposeRequestLatency(t *testing.T) {
	h := testServer().Handler()
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/healthz", nil))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `cpe_http_request_duration_seconds_count{method="GET",route="/healthz",status="200"} 1`) {
		t.Fatalf("metrics: %d\n%s", rec.Code, rec.Body)
	}
}

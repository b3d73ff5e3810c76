// Package integration runs the product end to end: a real Temporal dev
// server (the CLI built at bin/temporal), a throwaway PostgreSQL database,
// a worker and the gin API in process, driven through HTTP.
package integration

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/prometheus/client_golang/prometheus"
	"go.temporal.io/sdk/client"
	tlog "go.temporal.io/sdk/log"
	"go.temporal.io/sdk/testsuite"

	"github.com/liaoning-finance/cpe/activities"
	"github.com/liaoning-finance/cpe/api"
	"github.com/liaoning-finance/cpe/internal/testdb"
	"github.com/liaoning-finance/cpe/store"
	cpeworker "github.com/liaoning-finance/cpe/worker"
	"github.com/liaoning-finance/cpe/workflows"
)

// stack is one running product: Temporal, PostgreSQL, worker and API.
type stack struct {
	t          testing.TB
	store      *store.Store
	temporal   client.Client
	url        string
	adminToken string
}

// repoRoot is the module root, found from this file's path.
func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(filepath.Dir(file))
}

// startStack starts everything. The Temporal CLI must be built (make
// temporal-cli; make test does it): without it the test fails, as an
// integration test that did not run proves nothing.
func startStack(t testing.TB) *stack {
	t.Helper()
	cli := filepath.Join(repoRoot(), "bin", "temporal")
	if _, err := os.Stat(cli); err != nil {
		t.Fatalf("the Temporal CLI is not built at %s (run make temporal-cli): %v", cli, err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if testing.Verbose() {
		log = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	_, url := testdb.New(t)
	var args []string
	for _, sa := range workflows.SearchAttributeFlags() {
		args = append(args, "--search-attribute", sa)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	srv, err := testsuite.StartDevServer(ctx, testsuite.DevServerOptions{
		ExistingPath:  cli,
		ClientOptions: &client.Options{Namespace: "default", Logger: tlog.NewStructuredLogger(log)},
		LogLevel:      "error",
		ExtraArgs:     args,
		Stdout:        io.Discard,
		Stderr:        io.Discard,
	})
	if err != nil {
		t.Fatalf("start the Temporal dev server: %v", err)
	}
	t.Cleanup(func() {
		if err := srv.Stop(); err != nil {
			t.Logf("stop the dev server: %v", err)
		}
	})
	// The API and the worker get what production gets: the client with the
	// tracing interceptor and pgx with query tracing.
	c, err := cpeworker.Dial(ctx, cpeworker.ClientOptions{HostPort: srv.FrontendHostPort(), Namespace: "default", Log: log})
	if err != nil {
		t.Fatalf("connect to the dev server: %v", err)
	}
	t.Cleanup(c.Close)
	s, err := store.Open(ctx, url, true)
	if err != nil {
		t.Fatalf("open the test database: %v", err)
	}
	t.Cleanup(s.Close)
	const taskQueue = "cpe-integration"
	w := cpeworker.New(c, taskQueue, &activities.Activities{Store: s, Log: log})
	if err := w.Start(); err != nil {
		t.Fatalf("start the worker: %v", err)
	}
	t.Cleanup(w.Stop)
	token := "integration-admin-token-0123456789"
	a := &api.Server{Store: s, Temporal: c, TaskQueue: taskQueue, AdminToken: token, Log: log,
		Registry: prometheus.NewRegistry()}
	hs := httptest.NewServer(a.Handler())
	t.Cleanup(hs.Close)
	return &stack{t: t, store: s, temporal: c, url: hs.URL, adminToken: token}
}

// request is one HTTP call to the API.
type request struct {
	method, path, token string
	// body is JSON-encoded unless it is a []byte, sent as is with ctype.
	body  any
	ctype string
	key   string
}

// do sends r and decodes a JSON answer into out (when not nil); it returns
// the status and the raw body.
func (s *stack) do(r request, out any) (int, []byte) {
	s.t.Helper()
	var body io.Reader
	ctype := r.ctype
	switch b := r.body.(type) {
	case nil:
	case []byte:
		body = bytes.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			s.t.Fatal(err)
		}
		body, ctype = bytes.NewReader(raw), "application/json"
	}
	req, err := http.NewRequest(r.method, s.url+r.path, body)
	if err != nil {
		s.t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if r.token != "" {
		req.Header.Set("Authorization", "Bearer "+r.token)
	}
	if r.key != "" {
		req.Header.Set("Idempotency-Key", r.key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatalf("%s %s: %v", r.method, r.path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	if out != nil && resp.StatusCode < 300 {
		if err := json.Unmarshal(raw, out); err != nil {
			s.t.Fatalf("%s %s: decode %s: %v", r.method, r.path, raw, err)
		}
	}
	return resp.StatusCode, raw
}

// must sends r and fails the test unless the answer has status want.
func (s *stack) must(want int, r request, out any) []byte {
	s.t.Helper()
	status, raw := s.do(r, out)
	if status != want {
		s.t.Fatalf("%s %s: status %d, want %d: %s", r.method, r.path, status, want, raw)
	}
	return raw
}

// account creates an account through the admin API and returns its token.
func (s *stack) account(body map[string]any) string {
	s.t.Helper()
	var out struct {
		Token string `json:"token"`
	}
	s.must(http.StatusCreated, request{method: "POST", path: "/v1/admin/accounts", token: s.adminToken, body: body}, &out)
	return out.Token
}

// institution registers a face-to-face institution of region.
func (s *stack) institution(name, region string) int64 {
	s.t.Helper()
	var out struct {
		ID int64 `json:"id"`
	}
	s.must(http.StatusCreated, request{method: "POST", path: "/v1/admin/institutions", token: s.adminToken,
		body: map[string]any{"name": name, "uscc": testdb.USCC(region, 0), "kind": "face_to_face", "region": region}}, &out)
	return out.ID
}

// person registers person n and returns its ID-card number.
func (s *stack) person(n int, region string) string {
	s.t.Helper()
	id := testdb.IDNumber(n)
	s.must(http.StatusCreated, request{method: "POST", path: "/v1/admin/persons", token: s.adminToken,
		body: map[string]any{"id_number": id, "name": fmt.Sprintf("学员%d", n), "region": region,
			"title_level": "junior", "obligation_start_year": 2020}}, nil)
	return id
}

// eventually polls check every 200 ms until it returns "" or timeout.
func (s *stack) eventually(timeout time.Duration, what string, check func() string) {
	s.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		problem := check()
		if problem == "" {
			return
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("%s: still %s after %v", what, problem, timeout)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// awaitStage polls the filing or claim at path, read with token, until it
// reaches stage or timeout.
func (s *stack) awaitStage(timeout time.Duration, path, token, stage string) {
	s.t.Helper()
	s.eventually(timeout, stage, func() string {
		var cur struct {
			Stage string `json:"stage"`
		}
		s.must(http.StatusOK, request{method: "GET", path: path, token: token}, &cur)
		if cur.Stage != stage {
			return "at " + cur.Stage
		}
		return ""
	})
}

// registerPersons registers n persons straight into PostgreSQL (COPY) and
// returns their ID-card numbers; registering them through the admin API is
// not what the tests and benchmarks exercise.
func registerPersons(b testing.TB, s *stack, n int) []string {
	b.Helper()
	ids := make([]string, n)
	rows := make([][]any, n)
	for i := range n {
		ids[i] = testdb.IDNumber(i)
		rows[i] = []any{ids[i], fmt.Sprintf("学员%d", i), "210102", "junior", 2020}
	}
	if _, err := s.store.Pool.CopyFrom(context.Background(), pgx.Identifier{"persons"},
		[]string{"id_number", "name", "region", "title_level", "obligation_start_year"}, pgx.CopyFromRows(rows)); err != nil {
		b.Fatal(err)
	}
	return ids
}

// fileTraining files a training that starts in lead and lasts two seconds
// and, with approve, has reviewer approve it.
func fileTraining(b testing.TB, s *stack, inst, reviewer string, lead time.Duration, approve bool) store.Filing {
	start := time.Now().Add(lead).Truncate(time.Second)
	var f store.Filing
	s.must(http.StatusCreated, request{method: "POST", path: "/v1/filings", token: inst, body: map[string]any{
		"title": "基准测试培训", "category": "professional", "level": "intermediate", "venue": "沈阳",
		"start_at": start.Format(time.RFC3339), "end_at": start.Add(2 * time.Second).Format(time.RFC3339), "credits": 8}}, &f)
	if approve {
		s.must(http.StatusOK, request{method: "POST", path: fmt.Sprintf("/v1/filings/%d/decisions", f.ID), token: reviewer,
			body: map[string]any{"step": "filing", "decision": "approve"}}, &f)
	}
	return f
}

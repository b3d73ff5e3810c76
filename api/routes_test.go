package api

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
)

func testServer() *Server {
	return &Server{Log: slog.New(slog.DiscardHandler), Registry: prometheus.NewRegistry(), AdminToken: "test-admin-token-0123456789"}
}

// TestEveryRouteDeclaresRolesAndScope walks the gin router: a route added
// outside the table, or without roles or a scope rule, fails the build.
func TestEveryRouteDeclaresRolesAndScope(t *testing.T) {
	s := testServer()
	declared := map[string]Route{}
	for _, r := range s.routes() {
		key := r.Method + " " + r.Path
		if _, dup := declared[key]; dup {
			t.Errorf("%s declared twice", key)
		}
		declared[key] = r
	}
	engine := s.Handler().(*gin.Engine)
	routes := engine.Routes()
	if len(routes) < 10 {
		t.Fatalf("only %d routes registered", len(routes))
	}
	for _, ri := range routes {
		r, ok := declared[ri.Method+" "+ri.Path]
		switch {
		case !ok:
			t.Errorf("%s %s is on the router but not in the route table", ri.Method, ri.Path)
		case r.Scope == "":
			t.Errorf("%s %s has no scope rule", ri.Method, ri.Path)
		case !r.Public && len(r.Roles) == 0:
			t.Errorf("%s %s is neither public nor limited to roles", ri.Method, ri.Path)
		case r.Public && len(r.Roles) > 0:
			t.Errorf("%s %s is public yet lists roles", ri.Method, ri.Path)
		}
	}
}

func TestAuthAndErrorShape(t *testing.T) {
	h := testServer().Handler()
	cases := []struct {
		method, path, token string
		status              int
		code                string
	}{
		{"GET", "/v1/admin/institutions", "", http.StatusUnauthorized, "unauthorized"},
		{"GET", "/v1/nope", "", http.StatusNotFound, "not_found"},
		{"DELETE", "/healthz", "", http.StatusMethodNotAllowed, "method_not_allowed"},
		{"GET", "/v1/calendar/deadline?from=2025-13-01&working_days=10", "", http.StatusBadRequest, "invalid_input"},
		{"GET", "/v1/calendar/deadline?from=2025-04-30&working_days=0", "", http.StatusBadRequest, "invalid_input"},
	}
	for _, tc := range cases {
		req := httptest.NewRequest(tc.method, tc.path, nil)
		if tc.token != "" {
			req.Header.Set("Authorization", "Bearer "+tc.token)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != tc.status {
			t.Errorf("%s %s: status %d, want %d (%s)", tc.method, tc.path, rec.Code, tc.status, rec.Body)
			continue
		}
		var body ErrorBody
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body.Error.Code != tc.code || body.Error.Message == "" {
			t.Errorf("%s %s: body %s, want code %s", tc.method, tc.path, rec.Body, tc.code)
		}
		if rec.Header().Get("X-Request-Id") == "" {
			t.Errorf("%s %s: no X-Request-Id", tc.method, tc.path)
		}
	}
}

func TestHealthz(t *testing.T) {
	rec := httptest.NewRecorder()
	testServer().Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("healthz: %d", rec.Code)
	}
}

// TestOpenAPIListsEveryRoute keeps /openapi.yaml in step with the router.
func TestOpenAPIListsEveryRoute(t *testing.T) {
	spec := string(openapiSpec)
	for _, r := range testServer().routes() {
		path := r.Path
		for _, seg := range strings.Split(r.Path, "/") {
			if strings.HasPrefix(seg, ":") {
				path = strings.Replace(path, seg, "{"+seg[1:]+"}", 1)
			}
		}
		if !strings.Contains(spec, "\n  "+path+":") {
			t.Errorf("%s %s is not in api/openapi.yaml", r.Method, path)
		}
	}
}

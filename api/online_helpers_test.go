package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/liaoning-finance/cpe/internal/testdb"
	"github.com/liaoning-finance/cpe/store"
)

// feedFixture is a server on a throwaway database with the routes of the
// online feed, the credits view and the reports, an online institution and
// its token.
type feedFixture struct {
	dbFixture
	inst      int64
	instToken string
}

// newFeedFixture builds the fixture; Temporal is nil.
func newFeedFixture(t testing.TB) *feedFixture {
	t.Helper()
	db := newDBFixture(t, func(s *Server) []Route {
		return slices.Concat(s.onlineRoutes(), s.creditRoutes(), s.reportRoutes())
	})
	f := &feedFixture{dbFixture: db, inst: testdb.OnlineInstitution(t, db.st)}
	f.instToken = f.account(t, store.Account{Role: "online_institution", InstitutionID: &f.inst})
	return f
}

// reviewer returns the token of a reviewer (or supervisor) of region.
func (f *feedFixture) reviewer(t *testing.T, role, region string) string {
	return f.account(t, store.Account{Role: role, Region: &region})
}

// accountant returns the token of person's accountant account.
func (f *feedFixture) accountant(t *testing.T, person int64) string {
	return f.account(t, store.Account{Role: "accountant", PersonID: &person})
}

// person registers person n of region with obligation start 2020.
func (f *feedFixture) person(t *testing.T, n int, region, name string) store.Person {
	t.Helper()
	return testdb.Person(t, f.st, n, region, name, 2020)
}

// send makes a request with an optional JSON body and returns the status
// and the raw body.
func (f *feedFixture) send(t testing.TB, method, path, token string, body []byte) (int, []byte) {
	t.Helper()
	req := httptest.NewRequest(method, path, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	f.h.ServeHTTP(rec, req)
	return rec.Code, rec.Body.Bytes()
}

// getJSON makes a request and decodes the JSON answer into out.
func (f *feedFixture) getJSON(t *testing.T, path, token string, out any) int {
	t.Helper()
	status, body := f.send(t, http.MethodGet, path, token, nil)
	if err := json.Unmarshal(body, out); err != nil {
		t.Fatalf("GET %s: %d %s: %v", path, status, body, err)
	}
	return status
}

// postBatch posts records as the institution's batch.
func (f *feedFixture) postBatch(t *testing.T, token string, records []map[string]any) (int, OnlineBatchResponse, []byte) {
	t.Helper()
	body, err := json.Marshal(map[string]any{"records": records})
	if err != nil {
		t.Fatal(err)
	}
	status, raw := f.send(t, http.MethodPost, "/v1/online-credits", token, body)
	var out OnlineBatchResponse
	if status == http.StatusOK {
		if err := json.Unmarshal(raw, &out); err != nil {
			t.Fatalf("decode %s: %v", raw, err)
		}
	}
	return status, out, raw
}

// record is an online record of person n; fields in more override.
func record(id string, n int, completedAt string, more ...any) map[string]any {
	r := map[string]any{"record_id": id, "id_number": testdb.IDNumber(n), "course_id": "KJ-2025-01", "level": "junior",
		"category": "professional", "credits": 10, "completed_at": completedAt}
	for i := 0; i+1 < len(more); i += 2 {
		r[more[i].(string)] = more[i+1]
	}
	return r
}

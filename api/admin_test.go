package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
)

type call struct {
	method, path, token, body string
}

func do(t *testing.T, h http.Handler, c call) (int, map[string]any) {
	t.Helper()
	req := httptest.NewRequest(c.method, c.path, bytes.NewBufferString(c.body))
	req.Header.Set("Content-Type", "application/json")
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var out map[string]any
	_ = json.Unmarshal(rec.Body.Bytes(), &out)
	return rec.Code, out
}

func errField(body map[string]any) string {
	e, _ := body["error"].(map[string]any)
	f, _ := e["field"].(string)
	return f
}

func TestAdminBadInputWritesNothing(t *testing.T) {
	s := dbServer(t)
	st, h := s.Store, s.Handler()
	admin := s.AdminToken
	cases := []struct {
		call   call
		status int
		field  string
	}{
		{call{"POST", "/v1/admin/institutions", admin, `{"name":"甲","uscc":"91350100M000100Y44","kind":"face_to_face","region":"210100"}`}, 400, "uscc"},
		{call{"POST", "/v1/admin/institutions", admin, `{"name":"甲","uscc":"91350100M000100Y43","kind":"school","region":"210100"}`}, 400, "kind"},
		{call{"POST", "/v1/admin/institutions", admin, `{"name":"甲","uscc":"91350100M000100Y43","kind":"face_to_face","region":"220100"}`}, 400, "region"},
		{call{"POST", "/v1/admin/institutions", admin, `{"name":"","uscc":"91350100M000100Y43","kind":"face_to_face","region":"210100"}`}, 400, "name"},
		{call{"POST", "/v1/admin/institutions", admin, `{"name":"甲","uscc":"91350100M000100Y43","kind":"face_to_face","region":"210211"}`}, 422, ""},
		{call{"POST", "/v1/admin/persons", admin, `{"id_number":"210102199001011236","name":"李四","region":"210102","title_level":"junior","obligation_start_year":2020}`}, 400, "id_number"},
		{call{"POST", "/v1/admin/persons", admin, `{"id_number":"210102199001011237","name":"李四","region":"210102","title_level":"master","obligation_start_year":2020}`}, 400, "title_level"},
		{call{"POST", "/v1/admin/persons", admin, `{"id_number":"210102199001011237","name":"李四","region":"210102","title_level":"junior","obligation_start_year":"2020"}`}, 400, "obligation_start_year"},
		{call{"POST", "/v1/admin/accounts", admin, `{"role":"reviewer"}`}, 400, "region"},
		{call{"POST", "/v1/admin/accounts", admin, `{"role":"supervisor","region":"210102"}`}, 400, "region"},
		{call{"POST", "/v1/admin/accounts", admin, `{"role":"accountant","person_id":999}`}, 400, "person_id"},
		{call{"POST", "/v1/admin/accounts", admin, `{"role":"institution","institution_id":1}`}, 422, ""},
		{call{"POST", "/v1/admin/accounts", admin, `{"role":"root"}`}, 400, "role"},
		{call{"POST", "/v1/admin/persons", admin, `{`}, 400, ""},
		{call{"POST", "/v1/admin/persons", "wrong-token", `{}`}, 401, ""},
	}
	for _, tc := range cases {
		status, body := do(t, h, tc.call)
		if status != tc.status || errField(body) != tc.field {
			t.Errorf("%s %s: got %d field %q (%v), want %d field %q", tc.call.method, tc.call.body, status, errField(body), body, tc.status, tc.field)
		}
	}
	var n int
	err := st.Pool.QueryRow(t.Context(), `SELECT (SELECT count(*) FROM institutions WHERE kind = 'face_to_face')
		+ (SELECT count(*) FROM persons) + (SELECT count(*) FROM accounts) + (SELECT count(*) FROM audit_log)`).Scan(&n)
	if err != nil || n != 0 {
		t.Fatalf("bad requests wrote %d rows (%v), want none", n, err)
	}
}

func TestAdminCreatesAndTokensWork(t *testing.T) {
	s := dbServer(t)
	st, h := s.Store, s.Handler()
	admin := s.AdminToken
	status, inst := do(t, h, call{"POST", "/v1/admin/institutions", admin, `{"name":"沈阳培训中心","uscc":"91350100M000100Y43","kind":"face_to_face","region":"210100"}`})
	if status != 201 || inst["id"] == nil || inst["kind"] != "face_to_face" {
		t.Fatalf("create institution: %d %v", status, inst)
	}
	if status, _ := do(t, h, call{"POST", "/v1/admin/institutions", admin, `{"name":"again","uscc":"91350100M000100Y43","kind":"face_to_face","region":"210100"}`}); status != 409 {
		t.Fatalf("duplicate uscc: %d, want 409", status)
	}
	status, person := do(t, h, call{"POST", "/v1/admin/persons", admin, `{"id_number":"21010219900101123x","name":"张三","region":"210102","title_level":"junior","obligation_start_year":2020}`})
	if status != 400 {
		// 21010219900101123X has a wrong check digit (the right one is 7).
		t.Fatalf("wrong check digit X: %d %v", status, person)
	}
	status, person = do(t, h, call{"POST", "/v1/admin/persons", admin, `{"id_number":"210102199001011237","name":"张三","region":"210102","title_level":"junior","obligation_start_year":2020}`})
	if status != 201 || person["id_number"] != "210102199001011237" {
		t.Fatalf("create person: %d %v", status, person)
	}
	status, acc := do(t, h, call{"POST", "/v1/admin/accounts", admin, `{"role":"institution","institution_id":` + jsonNum(inst["id"]) + `}`})
	token, _ := acc["token"].(string)
	if status != 201 || token == "" {
		t.Fatalf("create account: %d %v", status, acc)
	}
	status, rev := do(t, h, call{"POST", "/v1/admin/accounts", admin, `{"role":"reviewer","region":"210100"}`})
	if status != 201 || rev["level"] != "city" {
		t.Fatalf("reviewer account: %d %v", status, rev)
	}
	if status, _ := do(t, h, call{"GET", "/v1/admin/institutions", token, ""}); status != 403 {
		t.Fatalf("institution token on an admin route: %d, want 403", status)
	}
	status, list := do(t, h, call{"GET", "/v1/admin/institutions?kind=online", admin, ""})
	if items, _ := list["institutions"].([]any); status != 200 || len(items) != 5 {
		t.Fatalf("online institutions: %d %v", status, list)
	}
	var audits int
	if err := st.Pool.QueryRow(t.Context(), `SELECT count(*) FROM audit_log`).Scan(&audits); err != nil || audits != 4 {
		t.Fatalf("audit lines %d (%v), want 4", audits, err)
	}
}

func jsonNum(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

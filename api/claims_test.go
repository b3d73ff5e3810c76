package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/liaoning-finance/cpe/calendar"
	"github.com/liaoning-finance/cpe/internal/testdb"
	"github.com/liaoning-finance/cpe/store"
)

// claimFixture is a server on a throwaway database with the claim routes,
// two accountants of 沈阳和平区 (210102), reviewers and an institution.
// Temporal is nil: the claims of these tests are written to the store
// directly, and refusals happen before any workflow call.
type claimFixture struct {
	dbFixture
	alice, bob          store.Person
	aliceTok, bobTok    string
	countyTok, otherTok string
	citySupTok, instTok string
}

func newClaimFixture(t *testing.T) *claimFixture {
	t.Helper()
	f := &claimFixture{dbFixture: newDBFixture(t, (*Server).claimRoutes)}
	account := func(a store.Account) string { return f.account(t, a) }
	region := func(s string) *string { return &s }
	f.alice, f.bob = testdb.Person(t, f.st, 901, "210102", "申请人901", 2020), testdb.Person(t, f.st, 902, "210102", "申请人902", 2020)
	f.aliceTok = account(store.Account{Role: "accountant", PersonID: &f.alice.ID})
	f.bobTok = account(store.Account{Role: "accountant", PersonID: &f.bob.ID})
	f.countyTok = account(store.Account{Role: "reviewer", Region: region("210102")})
	f.otherTok = account(store.Account{Role: "reviewer", Region: region("210300")})
	f.citySupTok = account(store.Account{Role: "supervisor", Region: region("210100")})
	inst := testdb.OnlineInstitution(t, f.st)
	f.instTok = account(store.Account{Role: "online_institution", InstitutionID: &inst})
	return f
}

// claim stores a submitted exam claim of p, as the API and workflow would.
func (f *claimFixture) claim(t *testing.T, p store.Person) store.Claim {
	t.Helper()
	d := calendar.Date{Year: 2025, Month: 9, Day: 7}
	var id int64
	if err := f.st.Pool.QueryRow(context.Background(), `SELECT nextval(pg_get_serial_sequence('claims', 'id'))`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	c := store.Claim{ID: id, PersonID: p.ID, Region: p.Region, City: p.Region[:4] + "00", Kind: store.ClaimOther, Year: 2025,
		PolicyYear: 2025, ClaimDetails: store.ClaimDetails{Form: "exam", Title: "中级会计实务", Date: &d},
		Claimed: store.ClaimCredits{Professional: 90}}
	if _, err := f.st.CreateClaim(context.Background(), c, store.Actor{AccountID: 1, Role: "accountant"}); err != nil {
		t.Fatal(err)
	}
	return c
}

// send makes a request and returns the status, the body and the headers.
func (f *claimFixture) send(method, path, token, ctype string, body []byte) (int, []byte, http.Header) {
	req := httptest.NewRequest(method, path, bytes.NewReader(body))
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	rec := httptest.NewRecorder()
	f.h.ServeHTTP(rec, req)
	return rec.Code, rec.Body.Bytes(), rec.Header()
}

// claimErrorOf decodes an error body.
func claimErrorOf(b []byte) ErrorDetail {
	var e ErrorBody
	_ = json.Unmarshal(b, &e)
	return e.Error
}

func TestClaimCreateRefusedWritesNothing(t *testing.T) {
	f := newClaimFixture(t)
	cases := []struct {
		token, body string
		status      int
		field, rule string
	}{
		{f.aliceTok, `{"kind":"other","year":2025,"form":"exam","title":"中级会计实务","date":"2025-09-07","credits":90}`, 400, "credits", ""},
		{f.aliceTok, `{"kind":"other","year":"2025","form":"exam","title":"x","date":"2025-09-07"}`, 400, "year", ""},
		{f.aliceTok, `{"kind":"public_cadre","year":2025,"hours":49}`, 422, "", "public_cadre.min_hours"},
		{f.aliceTok, `{"kind":"makeup","year":2024,"channel":"online","completed_on":"2025-03-15","professional_credits":60,"public_credits":30}`, 422, "", "makeup.online_automatic"},
		{f.aliceTok, `{"kind":"other","year":2025,"form":"paper","role":"lead","title":"x","date":"2025-09-07"}`, 422, "", "other_form.role"},
		{f.aliceTok, `[1]`, 400, "", ""},
		{f.instTok, `{"kind":"public_cadre","year":2025,"hours":50}`, 403, "", ""},
		{f.countyTok, `{"kind":"public_cadre","year":2025,"hours":50}`, 403, "", ""},
	}
	for _, tc := range cases {
		status, body, _ := f.send("POST", "/v1/claims", tc.token, "application/json", []byte(tc.body))
		e := claimErrorOf(body)
		if status != tc.status || e.Field != tc.field || e.Rule != tc.rule {
			t.Errorf("%s: %d %s, want %d field %q rule %q", tc.body, status, body, tc.status, tc.field, tc.rule)
		}
	}
	var n int
	if err := f.st.Pool.QueryRow(context.Background(), `SELECT (SELECT count(*) FROM claims) + (SELECT count(*) FROM audit_log)
		+ (SELECT count(*) FROM claim_requests)`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("refused claims wrote %d rows (%v)", n, err)
	}
}

func TestClaimReadScope(t *testing.T) {
	f := newClaimFixture(t)
	mine, theirs := f.claim(t, f.alice), f.claim(t, f.bob)
	path := func(c store.Claim) string { return fmt.Sprintf("/v1/claims/%d", c.ID) }
	cases := []struct {
		name, token, path string
		status            int
	}{
		{"applicant", f.aliceTok, path(mine), 200},
		{"another accountant", f.aliceTok, path(theirs), 404},
		{"county reviewer", f.countyTok, path(theirs), 200},
		{"city supervisor", f.citySupTok, path(mine), 200},
		{"reviewer of another city", f.otherTok, path(mine), 403},
		{"institution", f.instTok, path(mine), 403},
		{"institution list", f.instTok, "/v1/claims", 403},
		{"no such claim", f.aliceTok, "/v1/claims/999999", 404},
		{"bad stage", f.aliceTok, "/v1/claims?stage=done", 400},
	}
	for _, tc := range cases {
		if status, body, _ := f.send("GET", tc.path, tc.token, "", nil); status != tc.status {
			t.Errorf("%s: %d %s, want %d", tc.name, status, body, tc.status)
		}
	}
	var got store.Claim
	_, body, _ := f.send("GET", path(mine), f.aliceTok, "", nil)
	if err := json.Unmarshal(body, &got); err != nil || got.Stage != "review" || got.Claimed.Professional != 90 ||
		got.Form != "exam" || got.ProofCount != 0 || got.Decisions == nil {
		t.Errorf("claim %s (%v)", body, err)
	}
	list := func(token, query string) ListPage[store.Claim] {
		var page ListPage[store.Claim]
		_, body, _ := f.send("GET", "/v1/claims"+query, token, "", nil)
		if err := json.Unmarshal(body, &page); err != nil {
			t.Fatal(err)
		}
		return page
	}
	if p := list(f.aliceTok, ""); p.Total != 1 || p.Items[0].ID != mine.ID {
		t.Errorf("accountant's list: %+v", p)
	}
	if p := list(f.countyTok, "?kind=other&year=2025&stage=review"); p.Total != 2 {
		t.Errorf("county reviewer's list: %+v", p)
	}
	if p := list(f.otherTok, ""); p.Total != 0 {
		t.Errorf("another city's list: %+v", p)
	}
}

// proofPDF, proofPNG and proofJPEG are minimal files of each accepted type.
var (
	proofPDF  = []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
	proofPNG  = append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 32)...)
	proofJPEG = append([]byte{0xFF, 0xD8, 0xFF, 0xE0}, make([]byte, 32)...)
)

// multipartFile builds a multipart body with content in field.
func multipartFile(t *testing.T, field, name string, content []byte) ([]byte, string) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	fw, err := w.CreateFormFile(field, name)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = fw.Write(content)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), w.FormDataContentType()
}

func TestClaimProofs(t *testing.T) {
	f := newClaimFixture(t)
	c := f.claim(t, f.alice)
	base := fmt.Sprintf("/v1/claims/%d/proofs", c.ID)
	body, ctype := multipartFile(t, "file", "成绩单.pdf", proofPDF)
	status, raw, _ := f.send("POST", base, f.aliceTok, ctype, body)
	var p store.Proof
	if err := json.Unmarshal(raw, &p); status != 201 || err != nil {
		t.Fatalf("upload: %d %s", status, raw)
	}
	sum := sha256.Sum256(proofPDF)
	if p.ContentType != "application/pdf" || p.SHA256 != hex.EncodeToString(sum[:]) || p.Filename != "成绩单.pdf" || p.Size != len(proofPDF) {
		t.Errorf("proof %+v", p)
	}
	if status, raw, _ := f.send("POST", base, f.aliceTok, ctype, body); status != 200 {
		t.Errorf("same file again: %d %s", status, raw)
	}
	if status, raw, _ := f.send("POST", base+"?filename=../../etc/统计表.png", f.aliceTok, "application/octet-stream", proofPNG); status != 201 {
		t.Errorf("raw PNG: %d %s", status, raw)
	} else if json.Unmarshal(raw, &p); p.Filename != "统计表.png" || p.ContentType != "image/png" {
		t.Errorf("raw PNG stored as %+v", p)
	}
	// A JPEG sent as "image/png" named .proofPDF is a JPEG.
	if status, raw, _ := f.send("POST", base+"?filename=x.pdf", f.aliceTok, "image/png", proofJPEG); status != 201 {
		t.Errorf("JPEG: %d %s", status, raw)
	} else if json.Unmarshal(raw, &p); p.ContentType != "image/jpeg" {
		t.Errorf("JPEG stored as %s", p.ContentType)
	}
	refusals := []struct {
		name, token, ctype string
		body               []byte
		status             int
	}{
		{"text named .pdf", f.aliceTok, "application/pdf", []byte("just text, not a PDF"), 415},
		{"empty", f.aliceTok, "application/pdf", nil, 400},
		{"over 10 MiB", f.aliceTok, "application/pdf", append(append([]byte{}, proofPDF...), make([]byte, maxProofSize)...), 413},
		{"another accountant", f.bobTok, "application/pdf", proofPDF, 404},
		{"reviewer", f.countyTok, "application/pdf", proofPDF, 403},
	}
	for _, r := range refusals {
		if status, raw, _ := f.send("POST", base, r.token, r.ctype, r.body); status != r.status {
			t.Errorf("%s: %d %s, want %d", r.name, status, raw, r.status)
		}
	}
	if status, raw, _ := f.send("POST", base, f.aliceTok, "multipart/form-data; boundary=x", []byte("--x\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nv\r\n--x--\r\n")); status != 400 || claimErrorOf(raw).Field != "file" {
		t.Errorf("multipart without file: %d %s", status, raw)
	}
	var list struct {
		Items []store.Proof `json:"items"`
	}
	status, raw, _ = f.send("GET", base, f.countyTok, "", nil)
	if err := json.Unmarshal(raw, &list); status != 200 || err != nil || len(list.Items) != 3 {
		t.Fatalf("list: %d %s", status, raw)
	}
	first := fmt.Sprintf("%s/%d", base, list.Items[0].ID)
	for _, who := range []struct {
		name, token string
		status      int
	}{{"applicant", f.aliceTok, 200}, {"county reviewer", f.countyTok, 200}, {"city supervisor", f.citySupTok, 200},
		{"another accountant", f.bobTok, 404}, {"reviewer of another city", f.otherTok, 403}, {"institution", f.instTok, 403}} {
		status, raw, hdr := f.send("GET", first, who.token, "", nil)
		if status != who.status {
			t.Errorf("download by %s: %d, want %d", who.name, status, who.status)
			continue
		}
		if status == 200 && (!bytes.Equal(raw, proofPDF) || hdr.Get("Content-Type") != "application/pdf" ||
			hdr.Get("X-Content-Type-Options") != "nosniff" || hdr.Get("Content-Disposition") == "") {
			t.Errorf("download by %s: %q %v", who.name, raw, hdr)
		}
	}
	if status, _, _ := f.send("GET", base+"/999999", f.aliceTok, "", nil); status != 404 {
		t.Errorf("unknown proof: %d", status)
	}
	var got store.Claim
	_, raw, _ = f.send("GET", fmt.Sprintf("/v1/claims/%d", c.ID), f.countyTok, "", nil)
	if err := json.Unmarshal(raw, &got); err != nil || got.ProofCount != 3 {
		t.Errorf("proof count: %s", raw)
	}
	if _, err := f.st.Pool.Exec(context.Background(), `UPDATE claims SET stage = 'approved' WHERE id = $1`, c.ID); err != nil {
		t.Fatal(err)
	}
	if status, raw, _ := f.send("POST", base, f.aliceTok, "image/png", append(proofPNG, 1)); status != 409 {
		t.Errorf("upload to an approved claim: %d %s", status, raw)
	}
	var uploads, downloads int
	if err := f.st.Pool.QueryRow(context.Background(), `SELECT count(*) FILTER (WHERE action = 'claim.proof.upload'),
		count(*) FILTER (WHERE action = 'claim.proof.download') FROM audit_log WHERE subject_kind = 'claim'`).Scan(&uploads, &downloads); err != nil {
		t.Fatal(err)
	}
	if uploads != 3 || downloads != 3 {
		t.Errorf("audit: %d uploads, %d downloads; want 3 and 3", uploads, downloads)
	}
}

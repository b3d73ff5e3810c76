package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/liaoning-finance/cpe/calendar"
	"github.com/liaoning-finance/cpe/internal/testdb"
	"github.com/liaoning-finance/cpe/records"
	"github.com/liaoning-finance/cpe/store"
)

// filingFixture is a server on a throwaway database with the filing,
// claim, review and report routes, two face-to-face institutions of
// 沈阳和平区 (210102), their tokens and a county reviewer. Temporal is nil:
// filings are written to the store directly, and the requests of these
// tests answer before any workflow call.
type filingFixture struct {
	dbFixture
	inst, other               int64
	instTok, otherTok, county string
}

func newFilingFixture(t *testing.T) *filingFixture {
	t.Helper()
	f := &filingFixture{dbFixture: newDBFixture(t, func(s *Server) []Route {
		return slices.Concat(s.filingRoutes(), s.claimRoutes(), s.reviewRoutes(), s.reportRoutes())
	})}
	for i, id := range []*int64{&f.inst, &f.other} {
		in, err := store.CreateInstitution(context.Background(), f.st.Pool, store.Institution{Name: fmt.Sprintf("培训中心%d", i),
			USCC: testdb.USCC("210102", i+1), Kind: "face_to_face", Region: "210102"})
		if err != nil {
			t.Fatal(err)
		}
		*id = in.ID
	}
	region := "210102"
	f.instTok = f.account(t, store.Account{Role: "institution", InstitutionID: &f.inst})
	f.otherTok = f.account(t, store.Account{Role: "institution", InstitutionID: &f.other})
	f.county = f.account(t, store.Account{Role: "reviewer", Region: &region})
	return f
}

// filing stores a filing of institution inst at stage, as the API and the
// workflow would.
func (f *filingFixture) filing(t *testing.T, inst int64, title, stage string) store.Filing {
	t.Helper()
	ctx := context.Background()
	id, err := store.NextFilingID(ctx, f.st.Pool)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2025, 6, 10, 9, 0, 0, 0, calendar.Shanghai)
	fl := store.Filing{ID: id, InstitutionID: inst, Region: "210102", City: "210100", Title: title,
		Category: "professional", Level: "junior", Venue: "沈阳", StartAt: start, EndAt: start.Add(8 * time.Hour),
		Credits: 8, Year: 2025}
	if _, err := f.st.CreateFiling(ctx, fl, store.Actor{Role: "institution", InstitutionID: inst}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.Pool.Exec(ctx, `UPDATE filings SET stage = $2 WHERE id = $1`, id, stage); err != nil {
		t.Fatal(err)
	}
	return fl
}

// send makes a request with an optional Idempotency-Key and returns the
// status and the body.
func (f *filingFixture) send(method, path, token, key, ctype string, body []byte) (int, []byte) {
	req := httptest.NewRequest(method, path, bytes.NewReader(body))
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if key != "" {
		req.Header.Set("Idempotency-Key", key)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	rec := httptest.NewRecorder()
	f.h.ServeHTTP(rec, req)
	return rec.Code, rec.Body.Bytes()
}

// accountID returns the account id of token.
func (f *filingFixture) accountID(t *testing.T, token string) int64 {
	t.Helper()
	a, err := f.st.AccountByToken(context.Background(), token)
	if err != nil {
		t.Fatal(err)
	}
	return a.ID
}

// The integrity flags of a records review describe other institutions'
// trainings and persons: an institution never sees their content, neither
// in its filing nor in a records upload's answer; the reviewer does.
func TestFilingFlagsAreForReviewersOnly(t *testing.T) {
	f := newFilingFixture(t)
	ctx := context.Background()
	mine := f.filing(t, f.inst, "准则培训", store.StageRecordsReview)
	theirs := f.filing(t, f.other, "另一机构的秘密培训", store.StageCompleted)
	flag := store.Flag{Kind: store.FlagOverlap, PersonID: 1, IDNumberMasked: "210102********1234",
		Filings: []int64{mine.ID, theirs.ID}, Message: "同时参加 另一机构的秘密培训 (2025-06-10 09:00–17:00)"}
	if err := store.UpsertReviewItem(ctx, f.st.Pool, store.ReviewItem{SubjectKind: "filing", SubjectID: mine.ID,
		Step: "records", Title: mine.Title, Region: "210102", AssignedRegion: "210102", Open: true,
		Flags: []store.Flag{flag}}); err != nil {
		t.Fatal(err)
	}
	csv := []byte("身份证号,姓名,学分\n" + testdb.IDNumber(1) + ",学员,8\n")
	batch := f.batch(t, mine, csv, "records-1")

	path := fmt.Sprintf("/v1/filings/%d", mine.ID)
	status, raw := f.send("GET", path, f.instTok, "", "", nil)
	var got store.Filing
	if err := json.Unmarshal(raw, &got); status != http.StatusOK || err != nil || got.Flags == nil || len(got.Flags) != 0 {
		t.Fatalf("institution's GET: %d %s, want flags []", status, raw)
	}
	for _, secret := range []string{theirs.Title, flag.IDNumberMasked, fmt.Sprintf("[%d,%d]", mine.ID, theirs.ID)} {
		if strings.Contains(string(raw), secret) {
			t.Errorf("institution's GET shows %q: %s", secret, raw)
		}
	}
	status, raw = f.send("POST", path+"/records", f.instTok, "records-1", "text/csv", csv)
	var up RecordsResponse
	if err := json.Unmarshal(raw, &up); status != http.StatusCreated || err != nil || up.Batch.ID != batch.ID ||
		up.Filing.Flags == nil || len(up.Filing.Flags) != 0 || strings.Contains(string(raw), theirs.Title) {
		t.Fatalf("institution's repeated upload: %d %s, want 201 with batch %d and flags []", status, raw, batch.ID)
	}
	status, raw = f.send("GET", path, f.county, "", "", nil)
	if err := json.Unmarshal(raw, &got); status != http.StatusOK || err != nil || len(got.Flags) != 1 || got.Flags[0].Filings[1] != theirs.ID {
		t.Fatalf("reviewer's GET: %d %s, want the flag", status, raw)
	}
}

// batch stores csv as filing fl's records batch under key, taken into the
// records review, as a first upload through the API and the workflow would.
func (f *filingFixture) batch(t *testing.T, fl store.Filing, csv []byte, key string) store.RecordBatch {
	t.Helper()
	ctx := context.Background()
	rows, err := records.Parse("text/csv", bytes.NewReader(csv), maxRecordRows)
	if err != nil {
		t.Fatal(err)
	}
	hash, err := uploadHash(rows)
	if err != nil {
		t.Fatal(err)
	}
	stored := make([]store.RecordRow, len(rows))
	for i, r := range rows {
		p := testdb.Person(t, f.st, 700+i, "210102", r.Name, 2020)
		stored[i] = store.RecordRow{Line: r.Line, PersonID: p.ID, Credits: r.Credits, Category: fl.Category}
	}
	b, _, err := f.st.CreateRecordBatch(ctx, store.RecordBatch{FilingID: fl.ID, ContentType: "text/csv", RequestHash: hash},
		stored, store.Actor{Role: "institution"}, key)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.Pool.Exec(ctx, `UPDATE record_batches SET status = 'in_review' WHERE id = $1`, b.ID); err == nil {
		_, err = f.st.Pool.Exec(ctx, `UPDATE filings SET records_batch_id = $2 WHERE id = $1`, fl.ID, b.ID)
		if err != nil {
			t.Fatal(err)
		}
	}
	b.Status = store.BatchInReview
	return b
}

// A records upload's Idempotency-Key repeats that upload at any stage (201
// with the same batch, whatever the framing), and is 409 with other rows;
// a batch stored before the key was bound to its rows matches none.
func TestRecordsKeyRepeatsTheSameUploadOnly(t *testing.T) {
	f := newFilingFixture(t)
	ctx := context.Background()
	fl := f.filing(t, f.inst, "准则培训", store.StageRecordsReview)
	csv := []byte("身份证号,姓名,学分\n" + testdb.IDNumber(1) + ",学员一,8\n" + testdb.IDNumber(2) + ",学员二,7.5\n")
	batch := f.batch(t, fl, csv, "records-1")
	path := fmt.Sprintf("/v1/filings/%d/records", fl.ID)

	form, ctype := multipartFile(t, "file", "记录.csv", csv)
	for _, tc := range []struct{ ctype, body string }{{"text/csv; charset=utf-8", string(csv)}, {ctype, string(form)}} {
		status, raw := f.send("POST", path, f.instTok, "records-1", tc.ctype, []byte(tc.body))
		var up RecordsResponse
		if err := json.Unmarshal(raw, &up); status != http.StatusCreated || err != nil || up.Batch.ID != batch.ID ||
			up.Batch.RowCount != 2 || up.Filing.ID != fl.ID || up.Filing.Stage != store.StageRecordsReview {
			t.Errorf("repeated upload (%s): %d %s, want 201 with batch %d", tc.ctype, status, raw, batch.ID)
		}
	}
	corrected := bytes.Replace(csv, []byte(",7.5\n"), []byte(",7\n"), 1)
	status, raw := f.send("POST", path, f.instTok, "records-1", "text/csv", corrected)
	if e := claimErrorOf(raw); status != http.StatusConflict || !strings.Contains(e.Message, "Idempotency-Key reused with a different upload") {
		t.Errorf("corrected upload under the same key: %d %s, want 409", status, raw)
	}
	if status, raw := f.send("POST", path, f.instTok, "records-2", "text/csv", corrected); status != http.StatusConflict ||
		!strings.Contains(claimErrorOf(raw).Message, "stage records_review") {
		t.Errorf("new key at records_review: %d %s, want the stage's 409", status, raw)
	}
	if _, err := f.st.Pool.Exec(ctx, `UPDATE record_batches SET request_hash = NULL WHERE id = $1`, batch.ID); err != nil {
		t.Fatal(err)
	}
	if status, raw := f.send("POST", path, f.instTok, "records-1", "text/csv", csv); status != http.StatusConflict {
		t.Errorf("key of a batch stored without hash: %d %s, want 409", status, raw)
	}
	var n int
	if err := f.st.Pool.QueryRow(ctx, `SELECT count(*) FROM record_batches WHERE filing_id = $1`, fl.ID).Scan(&n); err != nil || n != 1 {
		t.Errorf("%d batches (%v), want 1", n, err)
	}
}

// A decision's Idempotency-Key repeats that decision only: another step,
// outcome or (for a claim) other credits under it are 409, never the
// first decision's 200.
func TestDecisionKeyRepeatsTheSameDecisionOnly(t *testing.T) {
	f := newFilingFixture(t)
	ctx := context.Background()
	fl := f.filing(t, f.inst, "准则培训", store.StageApproved)
	reviewer := f.accountID(t, f.county)
	if _, err := f.st.Pool.Exec(ctx, `INSERT INTO filing_decisions (filing_id, step, decision, account_id, role,
			actor_region, assigned_region, escalation_level, round, request_id, decided_at)
		VALUES ($1, 'filing', 'approve', $2, 'reviewer', '210102', '210102', 0, 1, $3, now())`,
		fl.ID, reviewer, fmt.Sprintf("decide:%d:approve-1", reviewer)); err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/v1/filings/%d/decisions", fl.ID)
	for _, tc := range []struct {
		body   string
		status int
	}{
		{`{"step":"filing","decision":"approve"}`, http.StatusOK},
		{`{"step":"filing","decision":"approve","reason":"同意"}`, http.StatusOK},
		{`{"step":"filing","decision":"reject","reason":"不符合"}`, http.StatusConflict},
		{`{"step":"records","decision":"approve"}`, http.StatusConflict},
	} {
		status, raw := f.send("POST", path, f.county, "approve-1", "application/json", []byte(tc.body))
		if status != tc.status || status == http.StatusConflict && !strings.Contains(claimErrorOf(raw).Message, "Idempotency-Key reused") {
			t.Errorf("filing decision %s: %d %s, want %d", tc.body, status, raw, tc.status)
		}
	}

	p := testdb.Person(t, f.st, 801, "210102", "申请人", 2020)
	var claimID int64
	if err := f.st.Pool.QueryRow(ctx, `SELECT nextval(pg_get_serial_sequence('claims', 'id'))`).Scan(&claimID); err != nil {
		t.Fatal(err)
	}
	d := calendar.Date{Year: 2025, Month: 9, Day: 7}
	cl := store.Claim{ID: claimID, PersonID: p.ID, Region: p.Region, City: "210100", Kind: store.ClaimOther, Year: 2025,
		PolicyYear: 2025, ClaimDetails: store.ClaimDetails{Form: "exam", Title: "中级会计实务", Date: &d},
		Claimed: store.ClaimCredits{Professional: 90}}
	if _, err := f.st.CreateClaim(ctx, cl, store.Actor{Role: "accountant"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.Pool.Exec(ctx, `UPDATE claims SET stage = 'approved' WHERE id = $1`, claimID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.Pool.Exec(ctx, `INSERT INTO claim_decisions (claim_id, decision, approved_professional,
			approved_public, account_id, role, actor_region, assigned_region, escalation_level, round, request_id, decided_at)
		VALUES ($1, 'approve', 90, 0, $2, 'reviewer', '210102', '210102', 0, 1, $3, now())`,
		claimID, reviewer, fmt.Sprintf("decide:%d:claim-1", reviewer)); err != nil {
		t.Fatal(err)
	}
	path = fmt.Sprintf("/v1/claims/%d/decisions", claimID)
	for _, tc := range []struct {
		body   string
		status int
	}{
		{`{"decision":"approve"}`, http.StatusOK},
		{`{"decision":"approve","credits":90}`, http.StatusOK},
		{`{"decision":"approve","credits":{"professional":90,"public":0}}`, http.StatusOK},
		{`{"decision":"approve","credits":60,"reason":"部分"}`, http.StatusConflict},
		{`{"decision":"return","reason":"补充材料"}`, http.StatusConflict},
	} {
		status, raw := f.send("POST", path, f.county, "claim-1", "application/json", []byte(tc.body))
		if status != tc.status || status == http.StatusConflict && !strings.Contains(claimErrorOf(raw).Message, "Idempotency-Key reused") {
			t.Errorf("claim decision %s: %d %s, want %d", tc.body, status, raw, tc.status)
		}
	}
}

// An Idempotency-Key of more than 200 characters or not of printable ASCII
// is 400 naming the header on every mutating request, before any write.
func TestIdempotencyKeyIsChecked(t *testing.T) {
	f := newFilingFixture(t)
	fl := f.filing(t, f.inst, "准则培训", store.StageAwaitingRecords)
	p := testdb.Person(t, f.st, 802, "210102", "申请人", 2020)
	acc := f.account(t, store.Account{Role: "accountant", PersonID: &p.ID})
	var claimID int64
	if err := f.st.Pool.QueryRow(context.Background(), `SELECT nextval(pg_get_serial_sequence('claims', 'id'))`).Scan(&claimID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.CreateClaim(context.Background(), store.Claim{ID: claimID, PersonID: p.ID, Region: p.Region,
		City: "210100", Kind: store.ClaimPublicCadre, Year: 2025, PolicyYear: 2025, Claimed: store.ClaimCredits{Public: 10}},
		store.Actor{Role: "accountant"}); err != nil {
		t.Fatal(err)
	}
	filing, claim := fmt.Sprintf("/v1/filings/%d", fl.ID), fmt.Sprintf("/v1/claims/%d", claimID)
	requests := []struct{ token, path, ctype, body string }{
		{f.instTok, "/v1/filings", "application/json", `{}`},
		{f.instTok, filing + "/amend", "application/json", `{}`},
		{f.instTok, filing + "/withdraw", "", ``},
		{f.instTok, filing + "/records", "text/csv", "身份证号,姓名,学分\n" + testdb.IDNumber(1) + ",学员,8\n"},
		{f.county, filing + "/decisions", "application/json", `{"step":"filing","decision":"approve"}`},
		{acc, "/v1/claims", "application/json", `{}`},
		{acc, claim + "/amend", "application/json", `{}`},
		{acc, claim + "/withdraw", "", ``},
		{acc, claim + "/proofs", "application/pdf", string(proofPDF)},
		{f.county, claim + "/decisions", "application/json", `{"decision":"approve"}`},
	}
	for _, key := range []string{strings.Repeat("k", 5000), strings.Repeat("k", 201), "键-1", "a\tb"} {
		for _, r := range requests {
			status, raw := f.send("POST", r.path, r.token, key, r.ctype, []byte(r.body))
			if e := claimErrorOf(raw); status != http.StatusBadRequest || e.Field != "Idempotency-Key" {
				t.Errorf("POST %s with a key of %d bytes: %d %s, want 400 field Idempotency-Key", r.path, len(key), status, raw)
			}
		}
	}
	var n int
	if err := f.st.Pool.QueryRow(context.Background(), `SELECT (SELECT count(*) FROM record_batches)
		+ (SELECT count(*) FROM claim_proofs) + (SELECT count(*) FROM filing_requests) + (SELECT count(*) FROM claim_requests)`).
		Scan(&n); err != nil || n != 0 {
		t.Errorf("refused requests wrote %d rows (%v)", n, err)
	}
}

// A page far beyond any list is 400 naming page on every paged list, not an
// overflow of its offset.
func TestPageIsBounded(t *testing.T) {
	f := newFilingFixture(t)
	evaluate(t, &feedFixture{dbFixture: f.dbFixture}, 2025)
	p := testdb.Person(t, f.st, 803, "210102", "申请人", 2020)
	acc := f.account(t, store.Account{Role: "accountant", PersonID: &p.ID})
	lists := []struct{ token, path string }{
		{f.instTok, "/v1/filings"},
		{acc, "/v1/claims"},
		{f.county, "/v1/reviews"},
		{f.county, "/v1/reports/compliance?year=2025"},
	}
	for _, l := range lists {
		sep := "?"
		if strings.Contains(l.path, "?") {
			sep = "&"
		}
		for _, page := range []string{"9223372036854775807", "4611686018427387904", "1000001", "0", "-1", "x"} {
			status, raw := f.send("GET", l.path+sep+"page="+page, l.token, "", "", nil)
			if e := claimErrorOf(raw); status != http.StatusBadRequest || e.Field != "page" {
				t.Errorf("GET %s page=%s: %d %s, want 400 field page", l.path, page, status, raw)
			}
		}
		if status, raw := f.send("GET", l.path+sep+"page=1000000", l.token, "", "", nil); status != http.StatusOK {
			t.Errorf("GET %s page=1000000: %d %s, want 200", l.path, status, raw)
		}
	}
}

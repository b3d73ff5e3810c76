package integration

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/liaoning-finance/cpe/store"
)

// TestFilingThroughHTTP takes one filing from submission through filing
// approval, a records upload and records approval to credits in the
// ledger, checking scope, idempotency and the search attributes on the way.
func TestFilingThroughHTTP(t *testing.T) {
	s := startStack(t)
	instID := s.institution("和平区会计继续教育培训中心", "210102")
	inst := s.account(map[string]any{"role": "institution", "institution_id": instID})
	county := s.account(map[string]any{"role": "reviewer", "region": "210102"})
	otherCity := s.account(map[string]any{"role": "reviewer", "region": "210300"})
	ids := []string{s.person(1, "210102"), s.person(2, "210102"), s.person(3, "210103")}

	// Submit: a training starting in a few seconds, so the test sees it run.
	start := time.Now().Add(8 * time.Second).Truncate(time.Second)
	end := start.Add(6 * time.Second)
	body := map[string]any{"title": "企业会计准则解释第18号", "category": "professional", "level": "intermediate",
		"venue": "沈阳市和平区", "start_at": start.Format(time.RFC3339), "end_at": end.Format(time.RFC3339), "credits": 8}
	var f store.Filing
	s.must(http.StatusCreated, request{method: "POST", path: "/v1/filings", token: inst, body: body, key: "create-1"}, &f)
	if f.Stage != store.StageFilingReview || f.Region != "210102" || f.City != "210100" || f.InstitutionID != instID {
		t.Fatalf("created filing: %+v", f)
	}
	var again store.Filing
	s.must(http.StatusCreated, request{method: "POST", path: "/v1/filings", token: inst, body: body, key: "create-1"}, &again)
	if again.ID != f.ID {
		t.Errorf("the same Idempotency-Key created filing %d, then %d", f.ID, again.ID)
	}
	path := fmt.Sprintf("/v1/filings/%d", f.ID)

	// Decide: another city's reviewer is refused, the county approves once.
	approve := map[string]any{"step": "filing", "decision": "approve"}
	s.must(http.StatusForbidden, request{method: "POST", path: path + "/decisions", token: otherCity, body: approve}, nil)
	s.must(http.StatusConflict, request{method: "POST", path: path + "/decisions", token: county,
		body: map[string]any{"step": "records", "decision": "approve"}}, nil)
	var approved, repeated store.Filing
	s.must(http.StatusOK, request{method: "POST", path: path + "/decisions", token: county, body: approve, key: "approve-1"}, &approved)
	s.must(http.StatusOK, request{method: "POST", path: path + "/decisions", token: county, body: approve, key: "approve-1"}, &repeated)
	if approved.Stage != store.StageApproved || approved.RecordsDue == nil || len(approved.Decisions) != 1 {
		t.Fatalf("after approval: %+v", approved)
	}
	if repeated.Stage != approved.Stage || len(repeated.Decisions) != 1 {
		t.Errorf("the repeated approval answered %+v", repeated)
	}
	s.must(http.StatusConflict, request{method: "POST", path: path + "/decisions", token: county,
		body: map[string]any{"step": "filing", "decision": "reject", "reason": "x"}, key: "reject-1"}, nil)
	wid := store.FilingWorkflowID(f.ID)
	s.checkVisibility(t, wid, "CpeStage = 'approved' AND CpeCity = '210100' AND CpeKind = 'filing'", "面授备案 · ")

	// Records: wait for the training to end, refuse a bad batch, take a good one.
	s.awaitStage(30*time.Second, path, inst, store.StageAwaitingRecords)
	bad := fmt.Sprintf("身份证号,姓名,学分\n%s,学员1,8\n%s,学员2,9\n110101199001011234,无名,4\n", ids[0], ids[1])
	status, raw := s.do(request{method: "POST", path: path + "/records", token: inst, body: []byte(bad), ctype: "text/csv"}, nil)
	if status != http.StatusUnprocessableEntity || !strings.Contains(string(raw), `"line":2`) || !strings.Contains(string(raw), `"line":3`) {
		t.Errorf("bad batch: %d %s", status, raw)
	}
	good := fmt.Sprintf("身份证号,姓名,学分\n%s,学员1,8\n%s,学员2,7.5\n%s,学员3,8\n", ids[0], ids[1], ids[2])
	var up struct {
		Batch  store.RecordBatch `json:"batch"`
		Filing store.Filing      `json:"filing"`
	}
	s.must(http.StatusCreated, request{method: "POST", path: path + "/records", token: inst, body: []byte(good),
		ctype: "text/csv; charset=utf-8", key: "records-1"}, &up)
	if up.Filing.Stage != store.StageRecordsReview || up.Batch.RowCount != 3 {
		t.Fatalf("after upload: %+v", up)
	}
	var inbox struct {
		Items []store.ReviewItem `json:"items"`
	}
	s.must(http.StatusOK, request{method: "GET", path: "/v1/reviews", token: county}, &inbox)
	if len(inbox.Items) != 1 || inbox.Items[0].SubjectID != f.ID || inbox.Items[0].Step != "records" {
		t.Errorf("inbox: %+v", inbox.Items)
	}

	// Approve the records: credits reach the ledger once.
	var done store.Filing
	s.must(http.StatusOK, request{method: "POST", path: path + "/decisions", token: county,
		body: map[string]any{"step": "records", "decision": "approve"}, key: "approve-2"}, &done)
	if done.Stage != store.StageCompleted || len(done.Decisions) != 2 {
		t.Fatalf("after records approval: %+v", done)
	}
	var n int
	var total float64
	if err := s.store.Pool.QueryRow(context.Background(), `SELECT count(*), sum(credits)::float8 FROM credit_ledger
		WHERE source_kind = 'filing' AND source_ref LIKE $1 AND year = $2`,
		fmt.Sprintf("filing:%d:person:%%", f.ID), done.Year).Scan(&n, &total); err != nil {
		t.Fatal(err)
	}
	if n != 3 || total != 23.5 {
		t.Errorf("ledger: %d entries, %.2f credits; want 3, 23.50", n, total)
	}
	var audits int
	if err := s.store.Pool.QueryRow(context.Background(), `SELECT count(*) FROM audit_log
		WHERE subject_kind = 'filing' AND subject_id = $1 AND action IN ('filing.submit', 'filing.decide', 'filing.records_upload')`,
		fmt.Sprint(f.ID)).Scan(&audits); err != nil {
		t.Fatal(err)
	}
	if audits != 4 {
		t.Errorf("%d audit lines, want 4 (submit, 2 decisions, upload)", audits)
	}
	s.checkVisibility(t, wid, "CpeStage = 'completed' AND CpeRegion = '210102' AND CpeOverdue = false", "面授备案 · ")
	s.recordHistory(t, wid, "filing_completed_v2")
}

// TestFilingReturnAmendWithdraw returns a filing, amends it, and withdraws
// it before the start; refusals come back with their statuses.
func TestFilingReturnAmendWithdraw(t *testing.T) {
	s := startStack(t)
	instID := s.institution("沈阳市会计学会", "210100")
	inst := s.account(map[string]any{"role": "institution", "institution_id": instID})
	otherInst := s.account(map[string]any{"role": "institution", "institution_id": s.institution("鞍山财会培训学校", "210300")})
	city := s.account(map[string]any{"role": "reviewer", "region": "210100"})
	start := time.Now().Add(48 * time.Hour).Truncate(time.Minute)
	body := map[string]any{"title": "内部控制专题", "category": "professional", "level": "senior", "venue": "沈阳市沈河区",
		"start_at": start.Format(time.RFC3339), "end_at": start.Add(8 * time.Hour).Format(time.RFC3339), "credits": 10}
	tooMany := map[string]any{}
	for k, v := range body {
		tooMany[k] = v
	}
	tooMany["credits"] = 25
	s.must(http.StatusUnprocessableEntity, request{method: "POST", path: "/v1/filings", token: inst, body: tooMany}, nil)
	var f store.Filing
	s.must(http.StatusCreated, request{method: "POST", path: "/v1/filings", token: inst, body: body}, &f)
	path := fmt.Sprintf("/v1/filings/%d", f.ID)
	s.must(http.StatusNotFound, request{method: "GET", path: path, token: otherInst}, nil)
	s.must(http.StatusBadRequest, request{method: "POST", path: path + "/decisions", token: city,
		body: map[string]any{"step": "filing", "decision": "return"}}, nil)
	var returned store.Filing
	s.must(http.StatusOK, request{method: "POST", path: path + "/decisions", token: city,
		body: map[string]any{"step": "filing", "decision": "return", "reason": "请补充师资说明"}}, &returned)
	if returned.Stage != store.StageFilingReturned || returned.FilingReturns != 1 {
		t.Fatalf("after return: %+v", returned)
	}
	body["title"] = "内部控制专题（修订）"
	var amended store.Filing
	s.must(http.StatusOK, request{method: "POST", path: path + "/amend", token: inst, body: body, key: "amend-1"}, &amended)
	if amended.Stage != store.StageFilingReview || amended.Title != "内部控制专题（修订）" || amended.ReviewDueAt == nil {
		t.Fatalf("after amendment: %+v", amended)
	}
	var withdrawn store.Filing
	s.must(http.StatusOK, request{method: "POST", path: path + "/withdraw", token: inst,
		body: map[string]any{"reason": "讲师行程冲突"}}, &withdrawn)
	if withdrawn.Stage != store.StageWithdrawn {
		t.Fatalf("after withdrawal: %+v", withdrawn)
	}
	s.must(http.StatusConflict, request{method: "POST", path: path + "/withdraw", token: inst}, nil)
	var list struct {
		Items []store.Filing `json:"items"`
		Total int            `json:"total"`
	}
	s.must(http.StatusOK, request{method: "GET", path: "/v1/filings?stage=withdrawn", token: city}, &list)
	if list.Total != 1 || list.Items[0].ID != f.ID {
		t.Errorf("list of withdrawn filings: %+v", list)
	}
	wid := store.FilingWorkflowID(f.ID)
	s.checkVisibility(t, wid, "CpeStage = 'withdrawn' AND CpeCity = '210100'", "面授备案 · ")
	s.recordHistory(t, wid, "filing_withdrawn")
}

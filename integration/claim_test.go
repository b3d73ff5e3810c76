package integration

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/liaoning-finance/cpe/internal/testdb"
	"github.com/liaoning-finance/cpe/store"
)

// claimPDF is a minimal PDF proof.
var claimPDF = []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")

// claimClient files and drives claims of one accountant.
type claimClient struct {
	s     *stack
	token string
}

// file posts a claim and expects status; it returns the claim on success.
func (cc claimClient) file(status int, body map[string]any, key string) (store.Claim, map[string]any) {
	cc.s.t.Helper()
	var c store.Claim
	st, raw := cc.s.do(request{method: "POST", path: "/v1/claims", token: cc.token, body: body, key: key}, &c)
	if st != status {
		cc.s.t.Fatalf("POST /v1/claims %v: status %d, want %d: %s", body, st, status, raw)
	}
	var out map[string]any
	_ = json.Unmarshal(raw, &out)
	return c, out
}

// proof uploads the PDF proof of claim id.
func (cc claimClient) proof(id int64) {
	cc.s.t.Helper()
	cc.s.must(http.StatusCreated, request{method: "POST", path: fmt.Sprintf("/v1/claims/%d/proofs?filename=proof.pdf", id),
		token: cc.token, body: claimPDF, ctype: "application/pdf"}, nil)
}

// decide posts a decision by token and expects status.
func (s *stack) decideClaim(status int, id int64, token string, body map[string]any, key string) store.Claim {
	s.t.Helper()
	var c store.Claim
	s.must(status, request{method: "POST", path: fmt.Sprintf("/v1/claims/%d/decisions", id), token: token, body: body, key: key}, &c)
	return c
}

// ruleOf returns the rule of an error body.
func ruleOf(body map[string]any) string {
	e, _ := body["error"].(map[string]any)
	r, _ := e["rule"].(string)
	return r
}

// TestClaimsThroughHTTP files one claim of each kind and takes each to its
// outcome: an exam subject approved (90 professional credits), a cadre-site
// claim rejected, a make-up returned, amended and approved with fewer
// credits, a face-to-face claim withdrawn; and the refusals of the issue's
// "done when": 49 学时, and a 2024 make-up finished online on 2025-03-15.
func TestClaimsThroughHTTP(t *testing.T) {
	s := startStack(t)
	s.person(11, "210102")
	var personID int64
	if err := s.store.Pool.QueryRow(context.Background(), `SELECT id FROM persons WHERE id_number = $1`, testdb.IDNumber(11)).Scan(&personID); err != nil {
		t.Fatal(err)
	}
	cc := claimClient{s: s, token: s.account(map[string]any{"role": "accountant", "person_id": personID})}
	county := s.account(map[string]any{"role": "reviewer", "region": "210102"})
	citySup := s.account(map[string]any{"role": "supervisor", "region": "210100"})
	otherCity := s.account(map[string]any{"role": "reviewer", "region": "210300"})
	inst := s.account(map[string]any{"role": "institution", "institution_id": s.institution("和平区会计培训中心", "210102")})
	yesterday := time.Now().In(time.FixedZone("CST", 8*3600)).AddDate(0, 0, -1)
	thisYear, past := yesterday.Year(), yesterday.Format("2006-01-02")

	// Refusals with the rule named; nothing is filed.
	_, body := cc.file(http.StatusUnprocessableEntity, map[string]any{"kind": "public_cadre", "year": thisYear, "hours": 49}, "")
	if ruleOf(body) != "public_cadre.min_hours" {
		t.Errorf("49 学时: %v", body)
	}
	_, body = cc.file(http.StatusUnprocessableEntity, map[string]any{"kind": "makeup", "year": 2024, "channel": "online",
		"completed_on": "2025-03-15", "professional_credits": 60, "public_credits": 30}, "")
	if ruleOf(body) != "makeup.online_automatic" || !strings.Contains(fmt.Sprint(body), "automatically") {
		t.Errorf("2024 online make-up: %v", body)
	}
	_, _ = cc.file(http.StatusBadRequest, map[string]any{"kind": "other", "year": thisYear, "form": "exam",
		"title": "中级会计实务", "date": past, "credits": 90}, "")
	s.must(http.StatusForbidden, request{method: "GET", path: "/v1/claims", token: inst}, nil)

	// visible checks the claim in the visibility API: its summary and search
	// attributes name no person.
	visible := func(id int64, query string) {
		s.checkVisibility(t, store.ClaimWorkflowID(id), query, "学分申请 · ", "学员", testdb.IDNumber(11))
	}

	// other: an exam subject passed → 90 professional credits after approval.
	exam := map[string]any{"kind": "other", "year": thisYear, "form": "exam", "title": "中级会计实务", "date": past}
	c, _ := cc.file(http.StatusCreated, exam, "exam-1")
	again, _ := cc.file(http.StatusCreated, exam, "exam-1")
	if c.Stage != "review" || c.Claimed.Professional != 90 || again.ID != c.ID || c.AssignedRegion != "210102" {
		t.Fatalf("exam claim %+v, repeat %d", c, again.ID)
	}
	s.eventually(15*time.Second, "the claim in the county's inbox", func() string {
		var inbox struct {
			Items []store.ReviewItem `json:"items"`
		}
		s.must(http.StatusOK, request{method: "GET", path: "/v1/reviews", token: county}, &inbox)
		if len(inbox.Items) != 1 || inbox.Items[0].SubjectKind != "claim" || inbox.Items[0].SubjectID != c.ID {
			return fmt.Sprintf("inbox %+v", inbox.Items)
		}
		return ""
	})
	approve := map[string]any{"decision": "approve"}
	_ = s.decideClaim(http.StatusUnprocessableEntity, c.ID, county, approve, "")
	cc.proof(c.ID)
	_ = s.decideClaim(http.StatusForbidden, c.ID, otherCity, approve, "")
	approved := s.decideClaim(http.StatusOK, c.ID, county, approve, "approve-exam")
	repeated := s.decideClaim(http.StatusOK, c.ID, county, approve, "approve-exam")
	if approved.Stage != "approved" || approved.Approved == nil || approved.Approved.Professional != 90 ||
		len(approved.Decisions) != 1 || repeated.Stage != "approved" || len(repeated.Decisions) != 1 {
		t.Fatalf("approved %+v, repeated %+v", approved, repeated)
	}
	_ = s.decideClaim(http.StatusConflict, c.ID, county, map[string]any{"decision": "reject", "reason": "x"}, "reject-exam")
	visible(c.ID, "CpeKind = 'claim' AND CpeStage = 'approved' AND CpeCity = '210100'")
	s.recordHistory(t, store.ClaimWorkflowID(c.ID), "claim_approved")

	// public_cadre: 52 学时 → rejected by the city supervisor.
	cadre, _ := cc.file(http.StatusCreated, map[string]any{"kind": "public_cadre", "year": thisYear, "hours": 52}, "")
	if cadre.Claimed.Public != 30 {
		t.Errorf("cadre claim %+v", cadre)
	}
	cc.proof(cadre.ID)
	rejected := s.decideClaim(http.StatusOK, cadre.ID, citySup, map[string]any{"decision": "reject", "reason": "统计表与学习档案不符"}, "")
	if rejected.Stage != "rejected" || rejected.Approved != nil {
		t.Errorf("rejected %+v", rejected)
	}
	s.recordHistory(t, store.ClaimWorkflowID(cadre.ID), "claim_rejected")

	// makeup of 2023: returned, amended, approved with fewer public credits.
	mk, _ := cc.file(http.StatusCreated, map[string]any{"kind": "makeup", "year": 2023, "channel": "face_to_face",
		"completed_on": past, "professional_credits": 60, "public_credits": 30}, "")
	returned := s.decideClaim(http.StatusOK, mk.ID, county, map[string]any{"decision": "return", "reason": "请上传培训证明"}, "")
	if returned.Stage != "returned" || returned.CorrectionDueAt == nil || returned.Returns != 1 {
		t.Fatalf("returned %+v", returned)
	}
	cc.proof(mk.ID)
	var amended store.Claim
	s.must(http.StatusOK, request{method: "POST", path: fmt.Sprintf("/v1/claims/%d/amend", mk.ID), token: cc.token, key: "amend-1",
		body: map[string]any{"kind": "makeup", "year": 2023, "channel": "other", "completed_on": past,
			"professional_credits": 60, "public_credits": 24}}, &amended)
	if amended.Stage != "review" || amended.Channel != "other" || amended.Claimed.Public != 24 || amended.ReviewDueAt == nil {
		t.Fatalf("amended %+v", amended)
	}
	fewer := map[string]any{"decision": "approve", "credits": map[string]any{"professional": 60, "public": 20}}
	_ = s.decideClaim(http.StatusBadRequest, mk.ID, county, fewer, "")
	fewer["reason"] = "4 学时无签到记录"
	done := s.decideClaim(http.StatusOK, mk.ID, county, fewer, "")
	if done.Stage != "approved" || done.Approved == nil || *done.Approved != (store.ClaimCredits{Professional: 60, Public: 20}) {
		t.Fatalf("make-up approved %+v", done)
	}
	s.recordHistory(t, store.ClaimWorkflowID(mk.ID), "claim_returned_amended_v2")

	// face_to_face: withdrawn by the applicant; a decision after is 409.
	f2f, _ := cc.file(http.StatusCreated, map[string]any{"kind": "face_to_face", "year": thisYear, "organiser": "中国会计学会",
		"start_date": past, "end_date": past, "hours": 12, "category": "professional"}, "")
	if f2f.Claimed.Professional != 10 {
		t.Errorf("12 hours in a day claimed as %+v, want the 10 a day cap", f2f.Claimed)
	}
	var withdrawn store.Claim
	s.must(http.StatusOK, request{method: "POST", path: fmt.Sprintf("/v1/claims/%d/withdraw", f2f.ID), token: cc.token,
		body: map[string]any{"reason": "重复申请"}}, &withdrawn)
	if withdrawn.Stage != "withdrawn" {
		t.Fatalf("withdrawn %+v", withdrawn)
	}
	_ = s.decideClaim(http.StatusConflict, f2f.ID, county, approve, "")
	visible(f2f.ID, "CpeKind = 'claim' AND CpeStage = 'withdrawn'")
	s.recordHistory(t, store.ClaimWorkflowID(f2f.ID), "claim_withdrawn")

	// The person's years: 90 professional in this year, 60 + 20 in 2023.
	for _, y := range []struct {
		year               int
		professional, pub  float64
		entries, pendingOf int
	}{{thisYear, 90, 0, 1, 0}, {2023, 60, 20, 2, 0}} {
		py, err := s.store.CreditYear(context.Background(), personID, y.year)
		if err != nil {
			t.Fatal(err)
		}
		var prof, pub float64
		for _, e := range py.Entries {
			if e.Source != "claim" {
				continue
			}
			if e.Category == "professional" {
				prof += e.Credits
			} else {
				pub += e.Credits
			}
		}
		if prof != y.professional || pub != y.pub || len(py.Entries) != y.entries || len(py.Pending) != y.pendingOf {
			t.Errorf("%d: %g professional, %g public, %d entries, %d pending", y.year, prof, pub, len(py.Entries), len(py.Pending))
		}
	}
	var list struct {
		Items []store.Claim `json:"items"`
		Total int           `json:"total"`
	}
	s.must(http.StatusOK, request{method: "GET", path: "/v1/claims", token: cc.token}, &list)
	if list.Total != 4 {
		t.Errorf("the accountant lists %d claims, want 4", list.Total)
	}
	var audits int
	if err := s.store.Pool.QueryRow(context.Background(), `SELECT count(*) FROM audit_log WHERE subject_kind = 'claim'
		AND action IN ('claim.submit', 'claim.decide', 'claim.amend', 'claim.withdraw', 'claim.proof.upload')`).Scan(&audits); err != nil {
		t.Fatal(err)
	}
	if want := 4 + 4 + 1 + 1 + 3; audits != want { // submissions, decisions, amendment, withdrawal, proofs
		t.Errorf("%d audit lines, want %d", audits, want)
	}
}

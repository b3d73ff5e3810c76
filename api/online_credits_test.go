package api

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/liaoning-finance/cpe/store"
)

func TestOnlineCreditsRules(t *testing.T) {
	f := newFeedFixture(t)
	f.person(t, 1, "210102", "张三")
	long := strings.Repeat("x", 101)
	cases := []struct {
		rec  map[string]any
		rule string // "" = accepted
	}{
		{record("window-0228", 1, "2025-02-28T23:59:59+08:00"), ruleOnlineWindow},
		{record("window-0301", 1, "2025-03-01T00:00:00+08:00"), ""},
		{record("window-0301-utc", 1, "2025-02-28T16:30:00Z"), ""}, // 00:30 on 03-01 in Shanghai
		{record("window-0228-utc", 1, "2025-02-28T15:59:59Z"), ruleOnlineWindow},
		{record("window-1231", 1, "2025-12-31T23:59:59+08:00"), ""},
		{record("window-0101", 1, "2026-01-01T00:00:00+08:00"), ruleOnlineWindow},
		{record("date-only", 1, "2025-06-01"), ""},
		{record("makeup-2025-on-0101", 1, "2026-01-01T09:00:00+08:00", "year", 2025), ""},
		{record("makeup-0228", 1, "2025-02-28T10:00:00+08:00", "year", 2024), ""},
		{record("makeup-0331", 1, "2025-03-31T23:59:59+08:00", "year", 2024), ""},
		{record("makeup-0401", 1, "2025-04-01T00:00:00+08:00", "year", 2024), ruleMakeup},
		{record("makeup-2023", 1, "2025-03-01T10:00:00+08:00", "year", 2023), ruleMakeup},
		{record("year-later", 1, "2025-06-01T10:00:00+08:00", "year", 2026), ruleYear},
		{record("same-year", 1, "2025-06-01T10:00:00+08:00", "year", 2025), ""},
		{record("no-policy", 1, "2024-06-01T10:00:00+08:00"), ruleNoPolicy},
		{record("future", 1, "2099-06-01T10:00:00+08:00"), ruleCompletedAt},
		{record("bad-time", 1, "June 1st"), ruleCompletedAt},
		{record("unregistered", 2, "2025-06-01T10:00:00+08:00"), ruleNotRegistered},
		{record("bad-id", 1, "2025-06-01T10:00:00+08:00", "id_number", "210102199001010000"), ruleRecordField},
		{record("level", 1, "2025-06-01T10:00:00+08:00", "level", "expert"), ruleRecordField},
		{record("intermediate", 1, "2025-06-01T10:00:00+08:00", "level", "intermediate"), ""},
		{record("senior-public", 1, "2025-06-01T10:00:00+08:00", "level", "senior", "category", "public"), ""},
		{record("category", 1, "2025-06-01T10:00:00+08:00", "category", "other"), ruleRecordField},
		{record("credits-0", 1, "2025-06-01T10:00:00+08:00", "credits", 0), ruleRecordField},
		{record("credits-negative", 1, "2025-06-01T10:00:00+08:00", "credits", -5), ruleRecordField},
		{record("credits-101", 1, "2025-06-01T10:00:00+08:00", "credits", 101), ruleRecordField},
		{record("credits-decimals", 1, "2025-06-01T10:00:00+08:00", "credits", 1.005), ruleRecordField},
		{record("credits-half", 1, "2025-07-01T10:00:00+08:00", "credits", 0.5), ""},
		{record("credits-text", 1, "2025-06-01T10:00:00+08:00", "credits", "ten"), ruleRecordField},
		{record("no-course", 1, "2025-06-01T10:00:00+08:00", "course_id", " "), ruleRecordField},
		{record("", 1, "2025-06-01T10:00:00+08:00"), ruleRecordID},
		{record(long, 1, "2025-06-01T10:00:00+08:00"), ruleRecordID},
		{record("twice", 1, "2025-06-01T10:00:00+08:00"), ruleDuplicateRecordID},
		{record("twice", 1, "2025-06-02T10:00:00+08:00"), ruleDuplicateRecordID},
	}
	records := make([]map[string]any, len(cases))
	for i, c := range cases {
		records[i] = c.rec
	}
	status, out, raw := f.postBatch(t, f.instToken, records)
	if status != http.StatusOK {
		t.Fatalf("post: %d %s", status, raw)
	}
	refused := map[int]Refusal{}
	for _, r := range out.Refused {
		refused[r.Row] = r
	}
	var wantAccepted []string
	for i, c := range cases {
		r, isRefused := refused[i+1]
		switch {
		case c.rule == "" && isRefused:
			t.Errorf("%s: refused (%s: %s), want accepted", c.rec["record_id"], r.Rule, r.Reason)
		case c.rule != "" && !isRefused:
			t.Errorf("%s: accepted, want refused by %s", c.rec["record_id"], c.rule)
		case c.rule != "" && r.Rule != c.rule:
			t.Errorf("%s: refused by %s (%s), want %s", c.rec["record_id"], r.Rule, r.Reason, c.rule)
		case c.rule != "" && r.RecordID != c.rec["record_id"]:
			t.Errorf("row %d: refusal names %q", i+1, r.RecordID)
		}
		if c.rule == "" {
			wantAccepted = append(wantAccepted, c.rec["record_id"].(string))
		}
	}
	if !slices.Equal(out.Accepted, wantAccepted) {
		t.Errorf("accepted = %v, want %v", out.Accepted, wantAccepted)
	}
	if r := refused[11]; !strings.Contains(r.Reason, "apply for make-up registration") {
		t.Errorf("make-up refusal reason %q does not tell the person to apply for make-up registration", r.Reason)
	}
	if out.NewEntries != len(wantAccepted) {
		t.Errorf("new_entries = %d, want %d", out.NewEntries, len(wantAccepted))
	}
	// The make-up rows count for 2024 and 2025, the rest for their year.
	var years []int
	if err := f.st.Pool.QueryRow(context.Background(), `SELECT array_agg(year ORDER BY year) FROM credit_ledger
		WHERE source_ref IN ($1, $2)`, store.OnlineCreditRef(f.inst, "makeup-0331"),
		store.OnlineCreditRef(f.inst, "makeup-2025-on-0101")).Scan(&years); err != nil || !slices.Equal(years, []int{2024, 2025}) {
		t.Errorf("make-up years = %v, %v", years, err)
	}
}

func TestOnlineCreditsResendIsIdempotent(t *testing.T) {
	f := newFeedFixture(t)
	ctx := context.Background()
	f.person(t, 1, "210102", "张三")
	batch := []map[string]any{
		record("A", 1, "2025-05-01T10:00:00+08:00"),
		record("B", 1, "2025-05-02T10:00:00+08:00", "category", "public"),
		record("C", 2, "2025-05-02T10:00:00+08:00"),
	}
	_, first, _ := f.postBatch(t, f.instToken, batch)
	status, again, raw := f.postBatch(t, f.instToken, batch)
	if status != http.StatusOK || !slices.Equal(again.Accepted, first.Accepted) || len(again.Refused) != 1 ||
		again.NewEntries != 0 || first.NewEntries != 2 {
		t.Fatalf("resend: %d %s; first %+v", status, raw, first)
	}
	var entries, audits int
	if err := f.st.Pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM credit_ledger), (SELECT count(*) FROM audit_log
		WHERE action = 'online_credits.post')`).Scan(&entries, &audits); err != nil || entries != 2 || audits != 2 {
		t.Fatalf("ledger entries %d, audit lines %d (%v); want 2 and 2", entries, audits, err)
	}
	var details map[string]any
	if err := f.st.Pool.QueryRow(ctx, `SELECT details FROM audit_log ORDER BY id LIMIT 1`).Scan(&details); err != nil ||
		details["records"] != 3.0 || details["accepted"] != 2.0 || details["refused"] != 1.0 || details["new_entries"] != 2.0 {
		t.Errorf("audit details = %v (%v)", details, err)
	}
	// The same record id with other credits is refused; the ledger keeps
	// the first posting.
	batch[0]["credits"] = 20
	_, changed, _ := f.postBatch(t, f.instToken, batch[:1])
	if len(changed.Accepted) != 0 || len(changed.Refused) != 1 || changed.Refused[0].Rule != ruleRecordConflict {
		t.Fatalf("changed resend = %+v", changed)
	}
}

func TestOnlineCreditsAccessAndLimits(t *testing.T) {
	f := newFeedFixture(t)
	p := f.person(t, 1, "210102", "张三")
	// An online institution approved for 2026 only.
	late, err := store.CreateInstitution(context.Background(), f.st.Pool, store.Institution{Name: "新机构",
		USCC: "91110108MA01234568", Kind: "online", Region: "210000", ApprovedYears: []int32{2026}})
	if err != nil {
		t.Fatal(err)
	}
	lateToken := f.account(t, store.Account{Role: "online_institution", InstitutionID: &late.ID})
	_, out, _ := f.postBatch(t, lateToken, []map[string]any{record("A", 1, "2025-06-01T10:00:00+08:00")})
	if len(out.Refused) != 1 || out.Refused[0].Rule != ruleNotApproved {
		t.Errorf("institution not approved for 2025: %+v", out)
	}
	faceToFace, err := store.CreateInstitution(context.Background(), f.st.Pool, store.Institution{Name: "面授",
		USCC: "91210102MA0000001X", Kind: "face_to_face", Region: "210102"})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, token, body string
		status            int
	}{
		{"accountant", f.accountant(t, p.ID), `{"records":[]}`, http.StatusForbidden},
		{"face-to-face institution", f.account(t, store.Account{Role: "online_institution", InstitutionID: &faceToFace.ID}), `{"records":[]}`, http.StatusForbidden},
		{"no token", "", `{"records":[]}`, http.StatusUnauthorized},
		{"empty batch", f.instToken, `{"records":[]}`, http.StatusOK},
		{"malformed", f.instToken, `{"records":[{]}`, http.StatusBadRequest},
		{"not an array", f.instToken, `{"records":{}}`, http.StatusBadRequest},
		{"no records", f.instToken, `{}`, http.StatusBadRequest},
		{"unknown member", f.instToken, `{"rows":[]}`, http.StatusBadRequest},
		{"empty body", f.instToken, ``, http.StatusBadRequest},
		{"trailing data", f.instToken, `{"records":[]} {}`, http.StatusBadRequest},
		{"too many rows", f.instToken, `{"records":[` + strings.Repeat(`{},`, maxOnlineRows) + `{}]}`, http.StatusRequestEntityTooLarge},
		{"too large", f.instToken, `{"records":[{"course_id":"` + strings.Repeat("x", maxOnlineBody) + `"}]}`, http.StatusRequestEntityTooLarge},
	}
	for _, c := range cases {
		status, raw := f.send(t, http.MethodPost, "/v1/online-credits", c.token, []byte(c.body))
		if status != c.status {
			t.Errorf("%s: %d %.200s, want %d", c.name, status, raw, c.status)
		}
	}
	// Exactly the maximum is fine: every row is refused, none is lost.
	body := `{"records":[` + strings.Repeat(`{},`, maxOnlineRows-1) + `{}]}`
	status, raw := f.send(t, http.MethodPost, "/v1/online-credits", f.instToken, []byte(body))
	if status != http.StatusOK || !strings.Contains(string(raw), fmt.Sprintf(`"row":%d`, maxOnlineRows)) {
		t.Errorf("%d rows: %d %.200s", maxOnlineRows, status, raw)
	}
}

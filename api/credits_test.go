package api

import (
	"context"
	"fmt"
	"net/http"
	"testing"
)

func TestPersonCreditsViewAndScope(t *testing.T) {
	f := newFeedFixture(t)
	ctx := context.Background()
	p := f.person(t, 1, "210102", "张三")
	other := f.person(t, 2, "210300", "李四")
	f.postBatch(t, f.instToken, []map[string]any{
		record("A", 1, "2025-05-01T10:00:00+08:00", "credits", 20),
		record("B", 1, "2025-05-01T11:00:00+08:00", "credits", 5, "category", "public"),
		record("C", 1, "2025-05-01T12:00:00+08:00", "credits", 0.5, "category", "public"),
		record("D", 1, "2025-05-02T12:00:00+08:00", "credits", 24),
	})
	// Attendance records of a training under review list p: pending.
	var inst, filing, batch int64
	err := f.st.Pool.QueryRow(ctx, `INSERT INTO institutions (name, uscc, kind, region)
		VALUES ('面授机构', '91210102MA0000001X', 'face_to_face', '210102') RETURNING id`).Scan(&inst)
	if err == nil {
		err = f.st.Pool.QueryRow(ctx, `INSERT INTO filings (institution_id, region, city, title, category, level, venue,
			start_at, end_at, credits, year, stage, review_step, workflow_id)
			VALUES ($1, '210102', '210100', '新准则', 'professional', 'junior', '沈阳', '2025-09-01 09:00+08',
			'2025-09-01 17:00+08', 8, 2025, 'records_review', 'records', 'filing-x') RETURNING id`, inst).Scan(&filing)
	}
	if err == nil {
		err = f.st.Pool.QueryRow(ctx, `INSERT INTO record_batches (filing_id, row_count, credits_total, content_type)
			VALUES ($1, 1, 8, 'text/csv') RETURNING id`, filing).Scan(&batch)
	}
	if err == nil {
		_, err = f.st.Pool.Exec(ctx, `INSERT INTO record_rows (batch_id, line, person_id, credits, category)
			VALUES ($1, 1, $2, 8, 'professional'); `, batch, p.ID)
	}
	if err == nil {
		_, err = f.st.Pool.Exec(ctx, `UPDATE filings SET records_batch_id = $2 WHERE id = $1`, filing, batch)
	}
	if err == nil {
		_, err = f.st.Pool.Exec(ctx, `INSERT INTO claims (person_id, region, city, kind, year, policy_year, details,
			claimed_professional, claimed_public, stage, workflow_id)
			VALUES ($1, '210102', '210100', 'public_cadre', 2025, 2025, '{}', 0, 30, 'review', 'claim-x')`, p.ID)
	}
	if err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/v1/persons/%d/credits?year=2025", p.ID)
	var view CreditsResponse
	if status := f.getJSON(t, path, f.accountant(t, p.ID), &view); status != http.StatusOK {
		t.Fatalf("own credits: %d %+v", status, view)
	}
	if view.Professional != 44 || view.Public != 5.5 || view.Total != 49.5 || view.Compliant ||
		view.Shortfall.Professional != 16 || view.Shortfall.Public != 24.5 || view.Shortfall.Total != 40.5 {
		t.Errorf("totals = %+v", view)
	}
	if len(view.Entries) != 4 || view.Entries[0].Source != "online" || view.Entries[0].Institution == "" {
		t.Errorf("entries = %+v", view.Entries)
	}
	if len(view.Pending) != 2 || view.Pending[0].Source != "filing" || view.Pending[0].SubjectID != filing ||
		view.Pending[0].Credits != 8 || view.Pending[0].Stage != "records_review" ||
		view.Pending[1].Source != "claim" || view.Pending[1].Category != "public" || view.Pending[1].Credits != 30 {
		t.Errorf("pending = %+v", view.Pending)
	}
	// 25.5 hours on 2025-05-01; exactly 24 on 2025-05-02 is not flagged.
	if len(view.IntegrityFlags) != 1 || view.IntegrityFlags[0].Day.String() != "2025-05-01" || view.IntegrityFlags[0].Hours != 25.5 {
		t.Errorf("integrity flags = %+v", view.IntegrityFlags)
	}
	cases := []struct {
		name, token, path string
		status            int
	}{
		{"admin", f.srv.AdminToken, path, http.StatusOK},
		{"city reviewer", f.reviewer(t, "reviewer", "210100"), path, http.StatusOK},
		{"county reviewer", f.reviewer(t, "reviewer", "210102"), path, http.StatusOK},
		{"province supervisor", f.reviewer(t, "supervisor", "210000"), path, http.StatusOK},
		{"other county", f.reviewer(t, "reviewer", "210103"), path, http.StatusForbidden},
		{"other city supervisor", f.reviewer(t, "supervisor", "210300"), path, http.StatusForbidden},
		{"another accountant", f.accountant(t, other.ID), path, http.StatusNotFound},
		{"institution", f.instToken, path, http.StatusForbidden},
		{"unknown person", f.srv.AdminToken, "/v1/persons/999999/credits?year=2025", http.StatusNotFound},
		{"no year", f.srv.AdminToken, fmt.Sprintf("/v1/persons/%d/credits", p.ID), http.StatusBadRequest},
		{"bad year", f.srv.AdminToken, fmt.Sprintf("/v1/persons/%d/credits?year=25x", p.ID), http.StatusBadRequest},
		{"no policy", f.srv.AdminToken, fmt.Sprintf("/v1/persons/%d/credits?year=2019", p.ID), http.StatusNotFound},
	}
	for _, c := range cases {
		if status, raw := f.send(t, http.MethodGet, c.path, c.token, nil); status != c.status {
			t.Errorf("%s: %d %s, want %d", c.name, status, raw, c.status)
		}
	}
	var empty CreditsResponse
	if status := f.getJSON(t, fmt.Sprintf("/v1/persons/%d/credits?year=2026", p.ID), f.srv.AdminToken, &empty); status != http.StatusOK ||
		len(empty.Entries) != 0 || empty.Entries == nil || empty.Pending == nil || empty.Shortfall.Total != 90 {
		t.Errorf("empty year: %d %+v", status, empty)
	}
}

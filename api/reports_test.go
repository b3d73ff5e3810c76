package api

import (
	"context"
	"encoding/csv"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/liaoning-finance/cpe/activities"
)

// evaluate runs the compliance activities of year over every person, as
// the workflow does.
func evaluate(t *testing.T, f *feedFixture, year int) {
	t.Helper()
	ctx := context.Background()
	a := &activities.Activities{Store: f.st, Log: slog.New(slog.DiscardHandler)}
	run := activities.ComplianceRunRef{Year: year, WorkflowID: "test", At: time.Now()}
	if err := a.ComplianceStart(ctx, run); err != nil {
		t.Fatal(err)
	}
	page, err := a.ComplianceEvaluatePage(ctx, activities.CompliancePageRequest{Run: run, PageSize: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.ComplianceFinish(ctx, run, page.Evaluated); err != nil {
		t.Fatal(err)
	}
}

func TestComplianceReport(t *testing.T) {
	f := newFeedFixture(t)
	f.person(t, 1, "210102", "=HYPERLINK(\"http://evil\")")
	f.person(t, 2, "210102", "+86 张三")
	f.person(t, 3, "210103", "-李四")
	f.person(t, 4, "210100", "@王五")
	f.person(t, 5, "210300", "\t赵六")
	f.person(t, 6, "210102", "钱七")
	f.postBatch(t, f.instToken, []map[string]any{
		record("A", 6, "2025-05-01T10:00:00+08:00", "credits", 60),
		record("B", 6, "2025-05-02T10:00:00+08:00", "credits", 20, "category", "public"),
		record("C", 6, "2025-05-03T10:00:00+08:00", "credits", 10, "category", "public"),
		record("D", 1, "2025-05-03T10:00:00+08:00", "credits", 59.5),
	})
	city := f.reviewer(t, "reviewer", "210100")
	report := "/v1/reports/compliance?year=2025"
	if status, raw := f.send(t, http.MethodGet, report, city, nil); status != http.StatusNotFound ||
		!strings.Contains(string(raw), "/v1/admin/compliance/2025/evaluate") {
		t.Fatalf("before evaluation: %d %s", status, raw)
	}
	evaluate(t, f, 2025)
	var rep ComplianceReport
	if status := f.getJSON(t, report+"&page_size=2", city, &rep); status != http.StatusOK {
		t.Fatalf("report: %d %+v", status, rep)
	}
	if rep.Region != "210100" || rep.Totals != (ComplianceTotals{Persons: 5, Compliant: 1, Short: 4}) ||
		len(rep.Regions) != 3 || rep.Short.Total != 4 || len(rep.Short.Items) != 2 || rep.Running {
		t.Fatalf("report = %+v", rep)
	}
	if first := rep.Short.Items[0]; first.Region != "210100" || first.Name != "@王五" || first.Shortfall.Total != 90 {
		t.Errorf("first short = %+v", first)
	}
	if second := rep.Short.Items[1]; second.Professional != 59.5 || second.Shortfall.Professional != 0.5 ||
		second.Shortfall.Public != 30 || second.Shortfall.Total != 30.5 {
		t.Errorf("second short = %+v", second)
	}
	var page2 ComplianceReport
	f.getJSON(t, report+"&page_size=2&page=2", city, &page2)
	if len(page2.Short.Items) != 2 || page2.Short.Items[0].Name != "+86 张三" || page2.Short.Items[1].Region != "210103" {
		t.Errorf("page 2 = %+v", page2.Short)
	}
	var county ComplianceReport
	f.getJSON(t, report+"&region=210102", f.srv.AdminToken, &county)
	if county.Totals != (ComplianceTotals{Persons: 3, Compliant: 1, Short: 2}) {
		t.Errorf("county report = %+v", county.Totals)
	}
	var province ComplianceReport
	f.getJSON(t, report, f.reviewer(t, "supervisor", "210000"), &province)
	if province.Totals.Persons != 6 {
		t.Errorf("province report = %+v", province.Totals)
	}

	status, raw := f.send(t, http.MethodGet, report+"&format=csv", city, nil)
	text := string(raw)
	if status != http.StatusOK || !strings.HasPrefix(text, "\uFEFF") {
		t.Fatalf("CSV: %d %s", status, raw)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(text, "\uFEFF"))).ReadAll()
	if err != nil || len(rows) != 5 {
		t.Fatalf("CSV rows = %q, %v", rows, err)
	}
	names := map[string]bool{}
	for _, r := range rows[1:] {
		names[r[1]] = true
	}
	for _, want := range []string{`'=HYPERLINK("http://evil")`, "'+86 张三", "'-李四", "'@王五"} {
		if !names[want] {
			t.Errorf("CSV names %v lack neutralised %q", names, want)
		}
	}
	if got := neutraliseCells([]string{"\t1", "\r2", "3", "", "a=b"}); got[0] != "'\t1" || got[1] != "'\r2" ||
		got[2] != "3" || got[3] != "" || got[4] != "a=b" {
		t.Errorf("neutraliseCells = %q", got)
	}
	other := f.reviewer(t, "reviewer", "210300")
	cases := []struct {
		name, token, path string
		status            int
	}{
		{"other city asks for Shenyang", other, report + "&region=210100", http.StatusForbidden},
		{"county asks for its city", f.reviewer(t, "reviewer", "210102"), report + "&region=210100", http.StatusForbidden},
		{"Dalian", f.srv.AdminToken, report + "&region=210200", http.StatusUnprocessableEntity},
		{"bad region", f.srv.AdminToken, report + "&region=21", http.StatusBadRequest},
		{"no year", f.srv.AdminToken, "/v1/reports/compliance", http.StatusBadRequest},
		{"page 0", f.srv.AdminToken, report + "&page=0", http.StatusBadRequest},
		{"page size 501", f.srv.AdminToken, report + "&page_size=501", http.StatusBadRequest},
		{"accountant", f.accountant(t, 1), report, http.StatusForbidden},
		{"other year", f.srv.AdminToken, "/v1/reports/compliance?year=2026", http.StatusNotFound},
		{"run state", f.srv.AdminToken, "/v1/admin/compliance/2025", http.StatusOK},
		{"run state never", f.srv.AdminToken, "/v1/admin/compliance/2024", http.StatusNotFound},
	}
	for _, c := range cases {
		if status, raw := f.send(t, http.MethodGet, c.path, c.token, nil); status != c.status {
			t.Errorf("%s: %d %s, want %d", c.name, status, raw, c.status)
		}
	}
	var audits int
	if err := f.st.Pool.QueryRow(context.Background(), `SELECT count(*) FROM audit_log WHERE action = 'compliance.export'`).Scan(&audits); err != nil || audits != 1 {
		t.Errorf("export audit lines = %d (%v)", audits, err)
	}
}

func TestEvaluateComplianceEndpoint(t *testing.T) {
	f := newFeedFixture(t)
	cases := []struct {
		name, token, path string
		status            int
	}{
		{"not admin", f.reviewer(t, "supervisor", "210000"), "/v1/admin/compliance/2025/evaluate", http.StatusForbidden},
		{"future year", f.srv.AdminToken, "/v1/admin/compliance/2099/evaluate", http.StatusBadRequest},
		{"bad year", f.srv.AdminToken, "/v1/admin/compliance/20x5/evaluate", http.StatusBadRequest},
		{"no policy", f.srv.AdminToken, "/v1/admin/compliance/2019/evaluate", http.StatusUnprocessableEntity},
		{"no Temporal", f.srv.AdminToken, "/v1/admin/compliance/2025/evaluate", http.StatusServiceUnavailable},
	}
	for _, c := range cases {
		if status, raw := f.send(t, http.MethodPost, c.path, c.token, nil); status != c.status {
			t.Errorf("%s: %d %s, want %d", c.name, status, raw, c.status)
		}
	}
}

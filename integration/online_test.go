package integration

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/liaoning-finance/cpe/api"
	"github.com/liaoning-finance/cpe/internal/testdb"
	"github.com/liaoning-finance/cpe/policy"
	"github.com/liaoning-finance/cpe/store"
	"github.com/liaoning-finance/cpe/workflows"
)

// TestOnlineCreditsToComplianceReport is the online feed as a new user
// tries it: an online institution posts good and bad rows, the good ones
// show in the person's year, posting again adds nothing, and the 2025
// compliance report lists the person as short by the right amounts.
func TestOnlineCreditsToComplianceReport(t *testing.T) {
	s := startStack(t)
	ctx := context.Background()
	number := s.person(1, "210102")
	s.person(2, "210103")
	ids, err := s.store.PersonIDsByNumber(ctx, []string{number})
	if err != nil {
		t.Fatal(err)
	}
	personID := ids[number]
	var insts struct {
		Institutions []store.Institution `json:"institutions"`
	}
	s.must(http.StatusOK, request{method: "GET", path: "/v1/admin/institutions?kind=online", token: s.adminToken}, &insts)
	feed := s.account(map[string]any{"role": "online_institution", "institution_id": insts.Institutions[0].ID})
	accountant := s.account(map[string]any{"role": "accountant", "person_id": personID})
	cityReviewer := s.account(map[string]any{"role": "reviewer", "region": "210100"})

	row := func(id, completed string, more ...any) map[string]any {
		r := map[string]any{"record_id": id, "id_number": number, "course_id": "KJ-01", "level": "intermediate",
			"category": "professional", "credits": 20, "completed_at": completed}
		for i := 0; i+1 < len(more); i += 2 {
			r[more[i].(string)] = more[i+1]
		}
		return r
	}
	batch := map[string]any{"records": []map[string]any{
		row("R1", "2025-03-01T09:00:00+08:00"),
		row("R2", "2025-07-15T20:00:00+08:00"),
		row("R3", "2025-12-31T21:00:00+08:00", "category", "public", "credits", 10),
		row("R4", "2025-02-28T21:00:00+08:00"),
		row("R5", "2025-04-01T10:00:00+08:00", "year", 2024),
		row("R6", "2025-05-01T10:00:00+08:00", "id_number", testdb.IDNumber(99)),
		row("R7", "2025-05-01T10:00:00+08:00", "level", "expert"),
	}}
	var first, again api.OnlineBatchResponse
	s.must(http.StatusOK, request{method: "POST", path: "/v1/online-credits", token: feed, body: batch}, &first)
	if !slices.Equal(first.Accepted, []string{"R1", "R2", "R3"}) || len(first.Refused) != 4 || first.NewEntries != 3 {
		t.Fatalf("first batch: %+v", first)
	}
	for _, r := range first.Refused {
		if r.Reason == "" {
			t.Errorf("refusal without a reason: %+v", r)
		}
		if r.RecordID == "R5" && !strings.Contains(r.Reason, "make-up registration") {
			t.Errorf("R5 reason %q does not say to apply for make-up registration", r.Reason)
		}
	}
	credits := fmt.Sprintf("/v1/persons/%d/credits?year=2025", personID)
	var view api.CreditsResponse
	s.must(http.StatusOK, request{method: "GET", path: credits, token: accountant}, &view)
	want := policy.Shortfall{Professional: 20, Public: 20, Total: 40}
	if len(view.Entries) != 3 || view.Professional != 40 || view.Public != 10 || view.Compliant || view.Shortfall != want {
		t.Fatalf("credits view: %+v", view)
	}
	s.must(http.StatusOK, request{method: "POST", path: "/v1/online-credits", token: feed, body: batch}, &again)
	if !slices.Equal(again.Accepted, first.Accepted) || again.NewEntries != 0 {
		t.Fatalf("resent batch: %+v", again)
	}
	s.must(http.StatusOK, request{method: "GET", path: credits, token: accountant}, &view)
	if len(view.Entries) != 3 || view.Total != 50 {
		t.Fatalf("after the resend: %+v", view)
	}

	// The report needs an evaluation first.
	report := "/v1/reports/compliance?year=2025&region=210100"
	s.must(http.StatusNotFound, request{method: "GET", path: report, token: cityReviewer}, nil)
	var started, repeated api.EvaluationStarted
	s.must(http.StatusAccepted, request{method: "POST", path: "/v1/admin/compliance/2025/evaluate", token: s.adminToken}, &started)
	s.must(http.StatusAccepted, request{method: "POST", path: "/v1/admin/compliance/2025/evaluate", token: s.adminToken}, &repeated)
	if started.WorkflowID != workflows.ComplianceWorkflowID(2025) || repeated.WorkflowID != started.WorkflowID {
		t.Fatalf("evaluation started as %+v, then %+v", started, repeated)
	}
	waitCtx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	var sum workflows.ComplianceSummary
	if err := s.temporal.GetWorkflow(waitCtx, repeated.WorkflowID, repeated.RunID).Get(waitCtx, &sum); err != nil {
		t.Fatalf("compliance workflow: %v", err)
	}
	if sum.Year != 2025 || sum.Persons != 2 || sum.Short != 2 {
		t.Errorf("summary %+v", sum)
	}
	var rep api.ComplianceReport
	s.must(http.StatusOK, request{method: "GET", path: report, token: cityReviewer}, &rep)
	if rep.Totals != (api.ComplianceTotals{Persons: 2, Short: 2}) || rep.Short.Total != 2 || len(rep.Short.Items) != 2 {
		t.Fatalf("report: %+v", rep)
	}
	short := rep.Short.Items[0]
	if short.PersonID != personID || short.Shortfall != want || short.IDNumberMasked != number[:6]+"********"+number[14:] {
		t.Errorf("short person: %+v", short)
	}
	status, raw := s.do(request{method: "GET", path: report + "&format=csv", token: cityReviewer}, nil)
	lines, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(raw), "\uFEFF"))).ReadAll()
	if status != http.StatusOK || err != nil || len(lines) != 3 || lines[1][0] != fmt.Sprint(personID) || lines[1][9] != "40" {
		t.Errorf("CSV export: %d %v %q", status, err, lines)
	}
	otherCity := s.account(map[string]any{"role": "reviewer", "region": "210300"})
	s.must(http.StatusForbidden, request{method: "GET", path: report, token: otherCity}, nil)

	// The yearly schedule: creating it twice is fine.
	for range 2 {
		if err := workflows.EnsureComplianceSchedule(ctx, s.temporal, "cpe-integration"); err != nil {
			t.Fatalf("EnsureComplianceSchedule: %v", err)
		}
	}
	desc, err := s.temporal.ScheduleClient().GetHandle(ctx, workflows.ComplianceScheduleID).Describe(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if next := desc.Info.NextActionTimes; len(next) == 0 || next[0].In(time.FixedZone("CST", 8*3600)).Format("01-02 15:04") != "02-01 02:00" {
		t.Errorf("next scheduled runs: %v", next)
	}
}

package api

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/liaoning-finance/cpe/calendar"
	"github.com/liaoning-finance/cpe/policy"
	"github.com/liaoning-finance/cpe/store"
)

// judgeBody parses and judges body for a person of region with obligation
// start 2020 on today, with the built-in policies.
func judgeBody(t *testing.T, body, region, today string) (claimContent, *claimError) {
	t.Helper()
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(body), &raw); err != nil {
		t.Fatal(err)
	}
	var req ClaimRequest
	if err := json.Unmarshal([]byte(body), &req); err != nil {
		t.Fatal(err)
	}
	f, ierr := parseClaim(req, raw)
	if ierr != nil {
		return claimContent{}, ierr
	}
	d, err := calendar.ParseDate(today)
	if err != nil {
		t.Fatal(err)
	}
	facts := claimFacts{person: store.Person{ID: 1, Region: region, ObligationStartYear: 2020}, today: d,
		policies: map[int]policy.Policy{}}
	for _, p := range policy.Builtin() {
		facts.policies[p.Year] = p
	}
	return judgeClaim(f, facts)
}

func TestJudgeClaimCredits(t *testing.T) {
	tests := []struct {
		name, body string
		want       store.ClaimCredits
		policyYear int
	}{
		{"exam subject passed", `{"kind":"other","year":2025,"form":"exam","title":"中级会计实务","date":"2025-09-07"}`,
			store.ClaimCredits{Professional: 90}, 2025},
		{"conference of 3 days", `{"kind":"other","year":2025,"form":"conference","days":3,"title":"年会","date":"2025-05-20"}`,
			store.ClaimCredits{Professional: 30}, 2025},
		{"paper, other author", `{"kind":"other","year":2025,"form":"paper","role":"other","title":"论文","date":"2025-05-20"}`,
			store.ClaimCredits{Professional: 10}, 2025},
		{"research participant", `{"kind":"other","year":2025,"form":"research","role":"participant","title":"课题","date":"2025-05-20"}`,
			store.ClaimCredits{Professional: 60}, 2025},
		{"book, first author", `{"kind":"other","year":2025,"form":"book","role":"first","title":"书","date":"2025-05-20"}`,
			store.ClaimCredits{Professional: 90}, 2025},
		{"8 hours in one day", `{"kind":"face_to_face","year":2025,"organiser":"学会","start_date":"2025-05-12","end_date":"2025-05-12","hours":8,"category":"professional"}`,
			store.ClaimCredits{Professional: 8}, 2025},
		{"30 hours in two days: capped at 10 a day", `{"kind":"face_to_face","year":2025,"organiser":"学会","start_date":"2025-05-12","end_date":"2025-05-13","hours":30,"category":"public"}`,
			store.ClaimCredits{Public: 20}, 2025},
		{"cadre site, 50 hours", `{"kind":"public_cadre","year":2025,"hours":50}`, store.ClaimCredits{Public: 30}, 2025},
		{"make-up of 2024 online after the cut-off", `{"kind":"makeup","year":2024,"channel":"online","completed_on":"2025-04-01","professional_credits":60,"public_credits":30}`,
			store.ClaimCredits{Professional: 60, Public: 30}, 2025},
		{"make-up of 2023 online before the cut-off", `{"kind":"makeup","year":2023,"channel":"online","completed_on":"2025-03-15","public_credits":30}`,
			store.ClaimCredits{Public: 30}, 2025},
		{"make-up of 2024 face to face before the cut-off", `{"kind":"makeup","year":2024,"channel":"face_to_face","completed_on":"2025-03-15","professional_credits":12.5}`,
			store.ClaimCredits{Professional: 12.5}, 2025},
	}
	for _, tt := range tests {
		got, err := judgeBody(t, tt.body, "210102", "2025-10-01")
		if err != nil {
			t.Errorf("%s: refused: %+v", tt.name, err)
			continue
		}
		if got.Claimed != tt.want || got.PolicyYear != tt.policyYear {
			t.Errorf("%s: claimed %+v under %d, want %+v under %d", tt.name, got.Claimed, got.PolicyYear, tt.want, tt.policyYear)
		}
	}
}

func TestJudgeClaimRefusals(t *testing.T) {
	tests := []struct {
		name, body, region, field, rule string
	}{
		{"no kind", `{"year":2025}`, "210102", "kind", ""},
		{"credits sent", `{"kind":"other","year":2025,"form":"exam","title":"x","date":"2025-05-01","credits":90}`, "210102", "credits", ""},
		{"field of another kind", `{"kind":"other","year":2025,"form":"exam","title":"x","date":"2025-05-01","hours":3}`, "210102", "hours", ""},
		{"no year", `{"kind":"public_cadre","hours":50}`, "210102", "year", ""},
		{"unknown form", `{"kind":"other","year":2025,"form":"award","title":"x","date":"2025-05-01"}`, "210102", "form", ""},
		{"unknown role", `{"kind":"other","year":2025,"form":"paper","role":"boss","title":"x","date":"2025-05-01"}`, "210102", "role", ""},
		{"bad date", `{"kind":"other","year":2025,"form":"exam","title":"x","date":"2025-13-01"}`, "210102", "date", ""},
		{"no title", `{"kind":"other","year":2025,"form":"exam","title":" ","date":"2025-05-01"}`, "210102", "title", ""},
		{"end before start", `{"kind":"face_to_face","year":2025,"organiser":"x","start_date":"2025-05-12","end_date":"2025-05-11","hours":8,"category":"professional"}`, "210102", "end_date", ""},
		{"bad category", `{"kind":"face_to_face","year":2025,"organiser":"x","start_date":"2025-05-12","end_date":"2025-05-12","hours":8,"category":"both"}`, "210102", "category", ""},
		{"no hours", `{"kind":"public_cadre","year":2025}`, "210102", "hours", ""},
		{"make-up without credits", `{"kind":"makeup","year":2023,"channel":"online","completed_on":"2025-05-01"}`, "210102", "professional_credits", ""},
		{"make-up bad channel", `{"kind":"makeup","year":2023,"channel":"mail","completed_on":"2025-05-01","public_credits":3}`, "210102", "channel", ""},
		{"49 hours on the cadre site", `{"kind":"public_cadre","year":2025,"hours":49}`, "210102", "", "public_cadre.min_hours"},
		{"exam with a role", `{"kind":"other","year":2025,"form":"exam","role":"sole","title":"x","date":"2025-05-01"}`, "210102", "", "other_form.role"},
		{"paper without a role", `{"kind":"other","year":2025,"form":"paper","title":"x","date":"2025-05-01"}`, "210102", "", "other_form.role"},
		{"conference without days", `{"kind":"other","year":2025,"form":"conference","title":"x","date":"2025-05-01"}`, "210102", "", "other_form.days"},
		{"outside the learning period", `{"kind":"other","year":2025,"form":"exam","title":"x","date":"2024-12-31"}`, "210102", "", "learning_period"},
		{"training in the future", `{"kind":"face_to_face","year":2025,"organiser":"x","start_date":"2025-10-01","end_date":"2025-10-02","hours":8,"category":"professional"}`, "210102", "", "claim.future_date"},
		{"more hours than the day has", `{"kind":"face_to_face","year":2025,"organiser":"x","start_date":"2025-05-12","end_date":"2025-05-12","hours":25,"category":"professional"}`, "210102", "", "face_to_face.hours"},
		{"a year without policy", `{"kind":"public_cadre","year":2023,"hours":50}`, "210102", "", "policy_year"},
		{"Dalian", `{"kind":"public_cadre","year":2025,"hours":50}`, "210211", "", "excluded_region"},
		{"no obligation yet", `{"kind":"makeup","year":2019,"channel":"other","completed_on":"2025-03-15","professional_credits":60}`, "210102", "", "obligation"},
		{"2024 make-up finished online by 2025-03-31", `{"kind":"makeup","year":2024,"channel":"online","completed_on":"2025-03-15","professional_credits":60}`, "210102", "", "makeup.online_automatic"},
		{"make-up of the current year", `{"kind":"makeup","year":2025,"channel":"other","completed_on":"2025-03-15","professional_credits":60}`, "210102", "", "makeup.year"},
		{"make-up finished before its year", `{"kind":"makeup","year":2024,"channel":"other","completed_on":"2023-12-15","professional_credits":60}`, "210102", "", "makeup.completed_on"},
		{"make-up finished in the future", `{"kind":"makeup","year":2024,"channel":"other","completed_on":"2025-11-15","professional_credits":60}`, "210102", "", "claim.future_date"},
	}
	for _, tt := range tests {
		_, err := judgeBody(t, tt.body, tt.region, "2025-10-01")
		if err == nil || err.Field != tt.field || err.Rule != tt.rule || err.Message == "" {
			t.Errorf("%s: got %+v, want field %q rule %q", tt.name, err, tt.field, tt.rule)
		}
	}
}

func TestMakeupOnlineExplains(t *testing.T) {
	_, err := judgeBody(t, `{"kind":"makeup","year":2024,"channel":"online","completed_on":"2025-03-15","professional_credits":60}`, "210102", "2026-11-27")
	if err == nil || err.Rule != "makeup.online_automatic" {
		t.Fatalf("got %+v", err)
	}
	for _, want := range []string{"automatically", "2025-03-31"} {
		if !strings.Contains(err.Message, want) {
			t.Errorf("message %q lacks %q", err.Message, want)
		}
	}
}

package policy_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/liaoning-finance/cpe/policy"
)

func TestBuiltin(t *testing.T) {
	ps := policy.Builtin()
	if len(ps) != 2 || ps[0].Year != 2025 || ps[1].Year != 2026 {
		t.Fatalf("Builtin years wrong: %d policies", len(ps))
	}
	for _, p := range ps {
		if err := p.Validate(); err != nil {
			t.Errorf("built-in %d: %v", p.Year, err)
		}
		if p.Province != "210000" || p.TotalMin != 90 || p.ProfessionalMin != 60 || p.PublicMin != 30 {
			t.Errorf("built-in %d: requirements %s %g/%g/%g", p.Year, p.Province, p.TotalMin, p.ProfessionalMin, p.PublicMin)
		}
		if p.CreditsPerHour != 1 {
			t.Errorf("built-in %d: credits_per_hour %g, want 1 (1 credit = 1 learning hour)", p.Year, p.CreditsPerHour)
		}
		if len(p.OnlineInstitutions) != 5 {
			t.Errorf("built-in %d: %d online institutions, want 5", p.Year, len(p.OnlineInstitutions))
		}
	}
	if got := ps[1].MakeupOnlineCutoff.String(); got != "2026-03-31" {
		t.Errorf("2026 make-up cut-off = %s", got)
	}
	ps[0].OtherForms["paper"].Roles["other"] = 99
	if policy.Builtin()[0].OtherForms["paper"].Roles["other"] != 10 {
		t.Error("Builtin shares its maps between calls")
	}
}

func TestBuiltinJSONRoundTrip(t *testing.T) {
	for _, p := range policy.Builtin() {
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		var back policy.Policy
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("%d: %v", p.Year, err)
		}
		if !reflect.DeepEqual(back, p) {
			t.Errorf("%d: round trip differs:\n got %+v\nwant %+v", p.Year, back, p)
		}
	}
}

func TestPolicyJSONShape(t *testing.T) {
	b, err := json.Marshal(policy2025(t))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"year": 2025.0, "province": "210000", "learning_start": "2025-01-01", "online_start": "2025-03-01",
		"online_end": "2025-12-31", "makeup_online_cutoff": "2025-03-31", "cadre_credits": 30.0,
		"cadre_min_hours": 50.0, "records_due_working_days": 10.0, "max_credits_per_training_day": 10.0,
		"credits_per_hour": 1.0,
	}
	for k, v := range want {
		if m[k] != v {
			t.Errorf("%s = %v, want %v", k, m[k], v)
		}
	}
	review, _ := m["review"].(map[string]any)
	if review["deadline_working_days"] != 5.0 || review["correction_working_days"] != 10.0 {
		t.Errorf("review = %v", review)
	}
}

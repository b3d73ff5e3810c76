package policy_test

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/liaoning-finance/cpe/policy"
)

func TestEvaluate(t *testing.T) {
	p := policy2025(t)
	prof := func(c float64) policy.Entry { return policy.Entry{Category: "professional", Credits: c} }
	pub := func(c float64) policy.Entry { return policy.Entry{Category: "public", Credits: c} }
	tests := []struct {
		name    string
		start   int
		entries []policy.Entry
		want    policy.Result
	}{
		{"exactly the minimums", 2020, []policy.Entry{prof(60), pub(30)},
			policy.Result{Year: 2025, Professional: 60, Public: 30, Total: 90, Compliant: true}},
		{"obligation starts this year", 2025, []policy.Entry{prof(90), pub(30)},
			policy.Result{Year: 2025, Professional: 90, Public: 30, Total: 120, Compliant: true}},
		{"100 professional, no public", 2020, []policy.Entry{prof(100)},
			policy.Result{Year: 2025, Professional: 100, Total: 100,
				Shortfall: policy.Shortfall{Public: 30}}},
		{"no professional, 120 public", 2020, []policy.Entry{pub(120)},
			policy.Result{Year: 2025, Public: 120, Total: 120,
				Shortfall: policy.Shortfall{Professional: 60, Total: 60}}},
		{"professional above 60 fills the total", 2020, []policy.Entry{prof(50), prof(10), prof(20), pub(30)},
			policy.Result{Year: 2025, Professional: 80, Public: 30, Total: 110, Compliant: true}},
		{"public above 30 does not fill the total", 2020, []policy.Entry{prof(60), pub(50)},
			policy.Result{Year: 2025, Professional: 60, Public: 50, Total: 110, Compliant: true}},
		{"just short", 2020, []policy.Entry{prof(59.5), pub(30)},
			policy.Result{Year: 2025, Professional: 59.5, Public: 30, Total: 89.5,
				Shortfall: policy.Shortfall{Professional: 0.5, Total: 0.5}}},
		{"nothing", 2020, nil,
			policy.Result{Year: 2025, Shortfall: policy.Shortfall{Professional: 60, Public: 30, Total: 90}}},
		{"float sums are rounded", 2020, repeat(prof(0.1), 600, pub(30)),
			policy.Result{Year: 2025, Professional: 60, Public: 30, Total: 90, Compliant: true}},
		{"a reversal", 2020, []policy.Entry{prof(60), prof(-10), pub(30)},
			policy.Result{Year: 2025, Professional: 50, Public: 30, Total: 80,
				Shortfall: policy.Shortfall{Professional: 10, Total: 10}}},
		{"obligation starts next year: exempt", 2026, []policy.Entry{prof(10)},
			policy.Result{Year: 2025, Professional: 10, Total: 10, Compliant: true, Exempt: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := p.Evaluate(tt.start, tt.entries)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("Evaluate = %+v, want %+v", got, tt.want)
			}
		})
	}
}

// repeat returns n copies of e followed by more.
func repeat(e policy.Entry, n int, more ...policy.Entry) []policy.Entry {
	out := make([]policy.Entry, 0, n+len(more))
	for range n {
		out = append(out, e)
	}
	return append(out, more...)
}

func TestEvaluateRejects(t *testing.T) {
	p := policy2025(t)
	tests := []struct {
		entry policy.Entry
		rule  string
	}{
		{policy.Entry{Category: "other", Credits: 10}, "category"},
		{policy.Entry{Category: "", Credits: 10}, "category"},
		{policy.Entry{Category: "professional", Credits: math.NaN()}, "credits"},
		{policy.Entry{Category: "public", Credits: math.Inf(1)}, "credits"},
	}
	for _, tt := range tests {
		_, err := p.Evaluate(2020, []policy.Entry{{Category: "professional", Credits: 60}, tt.entry})
		wantRule(t, err, tt.rule)
	}
}

func TestResultJSON(t *testing.T) {
	r, err := policy2025(t).Evaluate(2020, []policy.Entry{{Category: "professional", Credits: 100}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"year":2025,"professional":100,"public":0,"total":100,"compliant":false,"exempt":false,` +
		`"shortfall":{"professional":0,"public":30,"total":0}}`
	if string(b) != want {
		t.Errorf("Marshal = %s, want %s", b, want)
	}
}

package policy_test

import (
	"math"
	"testing"
)

func TestCadreCredits(t *testing.T) {
	p := policy2025(t)
	tests := []struct {
		hours float64
		want  float64
		rule  string
	}{
		{hours: 50, want: 30},
		{hours: 120, want: 30},
		{hours: 49.9, rule: "public_cadre.min_hours"},
		{hours: 0, rule: "public_cadre.min_hours"},
		{hours: -50, rule: "public_cadre.min_hours"},
		{hours: math.NaN(), rule: "public_cadre.min_hours"},
	}
	for _, tt := range tests {
		got, err := p.CadreCredits(tt.hours)
		wantRule(t, err, tt.rule)
		if got != tt.want {
			t.Errorf("CadreCredits(%g) = %g, want %g", tt.hours, got, tt.want)
		}
	}
}

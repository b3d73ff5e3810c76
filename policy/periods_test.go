package policy_test

import "testing"

func TestPeriods(t *testing.T) {
	p := policy2025(t)
	tests := []struct {
		date             string
		learning, online bool
	}{
		{"2024-12-31", false, false},
		{"2025-01-01", true, false},
		{"2025-02-28", true, false},
		{"2025-03-01", true, true},
		{"2025-12-31", true, true},
		{"2026-01-01", false, false},
	}
	for _, tt := range tests {
		d := date(t, tt.date)
		if got := p.InLearningPeriod(d); got != tt.learning {
			t.Errorf("InLearningPeriod(%s) = %v, want %v", tt.date, got, tt.learning)
		}
		if got := p.InOnlineWindow(d); got != tt.online {
			t.Errorf("InOnlineWindow(%s) = %v, want %v", tt.date, got, tt.online)
		}
	}
}

func TestAcceptsOnlineMakeup(t *testing.T) {
	p := policy2025(t)
	tests := []struct {
		year      int
		completed string
		want      bool
	}{
		{2024, "2025-01-15", true},
		{2024, "2025-03-31", true},
		{2024, "2025-04-01", false}, // needs a make-up application
		{2023, "2025-03-01", false}, // 2023 and earlier always need one
		{2024, "2024-12-31", false}, // not a make-up: learning of 2024 itself
		{2025, "2025-03-01", false}, // not a make-up
	}
	for _, tt := range tests {
		if got := p.AcceptsOnlineMakeup(tt.year, date(t, tt.completed)); got != tt.want {
			t.Errorf("AcceptsOnlineMakeup(%d, %s) = %v, want %v", tt.year, tt.completed, got, tt.want)
		}
	}
}

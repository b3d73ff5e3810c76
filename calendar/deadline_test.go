package calendar_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/liaoning-finance/cpe/calendar"
)

func TestAddWorkingDays(t *testing.T) {
	c := calendar.New(calendar.Builtin()...)
	tests := []struct {
		name        string
		from        string
		n           int
		want        string
		provisional bool
	}{
		{"DESIGN: after May Day 2025", "2025-04-30", 10, "2025-05-19", false},
		{"DESIGN: across New Year 2026", "2025-12-26", 10, "2026-01-12", false},
		// 02-14 (Sat, adjusted) is day 1; 02-15…02-23 off; 02-24…02-27 days 2–5;
		// 02-28 (Sat, adjusted) day 6; 03-02…03-05 days 7–10.
		{"before Spring Festival 2026", "2026-02-13", 10, "2026-03-05", false},
		// 10-01…10-08 off; 10-09, 10-10 days 1–2; 10-11 (Sat, adjusted) day 3;
		// 10-13…10-17 days 4–8; 10-20, 10-21 days 9–10.
		{"before National Day 2025", "2025-09-30", 10, "2025-10-21", false},
		{"counting starts the next day", "2025-05-16", 1, "2025-05-19", false},
		{"event on a day off", "2025-10-01", 1, "2025-10-09", false},
		{"adjusted Sunday counts", "2025-01-24", 1, "2025-01-26", false},
		{"last known day is not provisional", "2026-12-30", 1, "2026-12-31", false},
		{"into 2027 is provisional", "2026-12-25", 10, "2027-01-08", true},
		{"wholly in 2027 is Monday–Friday", "2027-02-26", 5, "2027-03-05", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.AddWorkingDays(mustDate(t, tt.from), tt.n)
			if err != nil {
				t.Fatal(err)
			}
			want := mustDate(t, tt.want)
			if got.Date != want || !got.At.Equal(want.EndOf()) || got.Provisional != tt.provisional {
				t.Errorf("AddWorkingDays(%s, %d) = %+v, want %s provisional=%v", tt.from, tt.n, got, tt.want, tt.provisional)
			}
			if tt.provisional != strings.Contains(got.Note, "no holiday data is loaded for 2027") {
				t.Errorf("AddWorkingDays(%s, %d): note %q, provisional %v", tt.from, tt.n, got.Note, tt.provisional)
			}
		})
	}
}

func TestWorkingDaysRange(t *testing.T) {
	c := calendar.New(calendar.Builtin()...)
	from := mustDate(t, "2025-05-19")
	for _, n := range []int{-1, 0, calendar.MaxWorkingDays + 1} {
		if _, err := c.AddWorkingDays(from, n); !errors.Is(err, calendar.ErrWorkingDays) {
			t.Errorf("AddWorkingDays(n=%d) error = %v, want ErrWorkingDays", n, err)
		}
		if _, err := c.SubtractWorkingDays(from, n); !errors.Is(err, calendar.ErrWorkingDays) {
			t.Errorf("SubtractWorkingDays(n=%d) error = %v, want ErrWorkingDays", n, err)
		}
	}
	if _, err := c.AddWorkingDays(from, calendar.MaxWorkingDays); err != nil {
		t.Errorf("AddWorkingDays(n=MaxWorkingDays) error = %v", err)
	}
}

func TestSubtractWorkingDays(t *testing.T) {
	c := calendar.New(calendar.Builtin()...)
	tests := []struct {
		due  string
		n    int
		want string
	}{
		{"2025-05-19", 2, "2025-05-15"}, // Monday → Thursday before
		{"2025-10-09", 1, "2025-09-30"}, // over National Day
		{"2025-10-09", 2, "2025-09-29"},
		{"2025-10-09", 3, "2025-09-28"}, // adjusted working Sunday
		{"2026-01-05", 1, "2026-01-04"}, // adjusted working Sunday
		{"2026-01-05", 2, "2025-12-31"},
	}
	for _, tt := range tests {
		due := mustDate(t, tt.due)
		got, err := c.SubtractWorkingDays(due, tt.n)
		if err != nil {
			t.Fatal(err)
		}
		if got != mustDate(t, tt.want) {
			t.Errorf("SubtractWorkingDays(%s, %d) = %s, want %s", tt.due, tt.n, got, tt.want)
		}
		if back, _ := c.AddWorkingDays(got, tt.n); back.Date != due {
			t.Errorf("AddWorkingDays(%s, %d) = %s, want %s back", got, tt.n, back.Date, tt.due)
		}
	}
}

func TestDeadlineJSON(t *testing.T) {
	c := calendar.New(calendar.Builtin()...)
	d, err := c.AddWorkingDays(mustDate(t, "2025-04-30"), 10)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"due_date":"2025-05-19","due_at":"2025-05-19T23:59:59+08:00","provisional":false}`
	if string(b) != want {
		t.Errorf("Marshal = %s, want %s", b, want)
	}
	var back calendar.Deadline
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.Date != d.Date || !back.At.Equal(d.At) || back.Provisional != d.Provisional {
		t.Errorf("round trip = %+v, want %+v", back, d)
	}
}

package calendar_test

import (
	"testing"

	"github.com/liaoning-finance/cpe/calendar"
)

func TestBuiltinDaysOffAndWorkdays(t *testing.T) {
	c := calendar.New(calendar.Builtin()...)
	for _, y := range calendar.Builtin() {
		for _, d := range y.DaysOff {
			if working, known := c.IsWorkingDay(d); working || !known {
				t.Errorf("day off %s: working=%v known=%v", d, working, known)
			}
		}
		for _, d := range y.Workdays {
			if working, known := c.IsWorkingDay(d); !working || !known {
				t.Errorf("adjusted working day %s: working=%v known=%v", d, working, known)
			}
		}
	}
}

func TestIsWorkingDay(t *testing.T) {
	c := calendar.New(calendar.Builtin()...)
	tests := []struct {
		date           string
		working, known bool
	}{
		{"2025-05-19", true, true},  // ordinary Monday
		{"2025-05-17", false, true}, // ordinary Saturday
		{"2025-05-18", false, true}, // ordinary Sunday
		{"2025-01-01", false, true}, // New Year, a Wednesday
		{"2025-01-26", true, true},  // adjusted working Sunday
		{"2025-02-01", false, true}, // Saturday inside Spring Festival
		{"2025-10-08", false, true}, // last day of National Day holiday
		{"2025-10-09", true, true},
		{"2026-01-04", true, true},  // adjusted working Sunday
		{"2026-02-23", false, true}, // Monday off, Spring Festival
		{"2026-02-24", true, true},
		{"2027-01-01", true, false}, // no data: a Friday counts as working
		{"2027-01-02", false, false},
		{"2024-10-01", true, false}, // no data for 2024
	}
	for _, tt := range tests {
		d, err := calendar.ParseDate(tt.date)
		if err != nil {
			t.Fatal(err)
		}
		working, known := c.IsWorkingDay(d)
		if working != tt.working || known != tt.known {
			t.Errorf("IsWorkingDay(%s) = %v, %v; want %v, %v", tt.date, working, known, tt.working, tt.known)
		}
	}
	if !c.HasYear(2025) || !c.HasYear(2026) || c.HasYear(2027) {
		t.Error("HasYear is wrong")
	}
}

func TestNewLaterYearOverrides(t *testing.T) {
	newYear, err := calendar.ParseDate("2025-01-01")
	if err != nil {
		t.Fatal(err)
	}
	c := calendar.New(append(calendar.Builtin(), calendar.Year{Year: 2025})...)
	if working, known := c.IsWorkingDay(newYear); !working || !known {
		t.Errorf("after override with an empty 2025: working=%v known=%v, want true, true", working, known)
	}
}

package calendar_test

import (
	"strings"
	"testing"

	"github.com/liaoning-finance/cpe/calendar"
)

func TestBuiltinValid(t *testing.T) {
	years := calendar.Builtin()
	wantOff := map[int]int{2025: 28, 2026: 33}
	wantWork := map[int]int{2025: 5, 2026: 6}
	if len(years) != len(wantOff) {
		t.Fatalf("Builtin has %d years, want %d", len(years), len(wantOff))
	}
	for _, y := range years {
		if err := y.Validate(); err != nil {
			t.Errorf("built-in %d: %v", y.Year, err)
		}
		if len(y.DaysOff) != wantOff[y.Year] || len(y.Workdays) != wantWork[y.Year] {
			t.Errorf("built-in %d: %d days off, %d workdays; want %d, %d",
				y.Year, len(y.DaysOff), len(y.Workdays), wantOff[y.Year], wantWork[y.Year])
		}
	}
	years[0].DaysOff[0] = calendar.Date{}
	if calendar.Builtin()[0].DaysOff[0] == (calendar.Date{}) {
		t.Error("Builtin shares its slices between calls")
	}
}

func TestYearValidate(t *testing.T) {
	d := func(s string) calendar.Date {
		v, err := calendar.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		name string
		year calendar.Year
		want string // substring of the error; "" for no error
	}{
		{"empty year is valid", calendar.Year{Year: 2027}, ""},
		{"year out of range", calendar.Year{Year: 0}, "year 0 out of range"},
		{"day off in another year", calendar.Year{Year: 2025, DaysOff: []calendar.Date{d("2026-01-01")}},
			"days_off: 2026-01-01 is not in 2025"},
		{"workday in another year", calendar.Year{Year: 2026, Workdays: []calendar.Date{d("2025-09-28")}},
			"workdays: 2025-09-28 is not in 2026"},
		{"duplicate day off", calendar.Year{Year: 2025, DaysOff: []calendar.Date{d("2025-01-01"), d("2025-01-01")}},
			"days_off: 2025-01-01 listed twice"},
		{"duplicate workday", calendar.Year{Year: 2025, Workdays: []calendar.Date{d("2025-01-26"), d("2025-01-26")}},
			"workdays: 2025-01-26 listed twice"},
		{"date in both lists", calendar.Year{Year: 2025, DaysOff: []calendar.Date{d("2025-01-26")}, Workdays: []calendar.Date{d("2025-01-26")}},
			"2025-01-26 is both a day off and an adjusted working day"},
		{"invalid date", calendar.Year{Year: 2025, DaysOff: []calendar.Date{{Year: 2025, Month: 2, Day: 30}}},
			"days_off: 2025-02-30 is not a valid date"},
		{"workday on a weekday", calendar.Year{Year: 2025, Workdays: []calendar.Date{d("2025-01-27")}},
			"workdays: 2025-01-27 is a Monday"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.year.Validate()
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("Validate() = %v, want nil", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("Validate() = %v, want error containing %q", err, tt.want)
			}
		})
	}
}

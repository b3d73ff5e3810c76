package calendar

import (
	"fmt"
	"strings"
	"time"
)

// schedules is the published holiday data; a range "MM-DD..MM-DD" is inclusive.
var schedules = []struct {
	year     int
	daysOff  []string
	workdays []string
}{
	{ // 国办发明电〔2024〕12号
		year:     2025,
		daysOff:  []string{"01-01", "01-28..02-04", "04-04..04-06", "05-01..05-05", "05-31..06-02", "10-01..10-08"},
		workdays: []string{"01-26", "02-08", "04-27", "09-28", "10-11"},
	},
	{
		year:     2026,
		daysOff:  []string{"01-01..01-03", "02-15..02-23", "04-04..04-06", "05-01..05-05", "06-19..06-21", "09-25..09-27", "10-01..10-07"},
		workdays: []string{"01-04", "02-14", "02-28", "05-09", "09-20", "10-10"},
	},
}

// Builtin returns the holiday schedules of 2025 and 2026. Every call returns
// fresh slices, so the caller may modify them.
func Builtin() []Year {
	years := make([]Year, 0, len(schedules))
	for _, s := range schedules {
		years = append(years, Year{
			Year:     s.year,
			DaysOff:  expand(s.year, s.daysOff),
			Workdays: expand(s.year, s.workdays),
		})
	}
	return years
}

// expand turns "MM-DD" and "MM-DD..MM-DD" items of year into dates.
// The items are package data, so a malformed one is a programming error.
func expand(year int, items []string) []Date {
	var dates []Date
	for _, item := range items {
		from, to, isRange := strings.Cut(item, "..")
		if !isRange {
			to = from
		}
		first, last := monthDay(year, from), monthDay(year, to)
		for d := first; !d.After(last); d = d.AddDays(1) {
			dates = append(dates, d)
		}
	}
	return dates
}

// monthDay parses "MM-DD" of year, panicking on malformed package data.
func monthDay(year int, s string) Date {
	t, err := time.Parse("01-02", s)
	if err != nil {
		panic(fmt.Sprintf("calendar: bad built-in date %q: %v", s, err))
	}
	return Date{Year: year, Month: t.Month(), Day: t.Day()}
}

package calendar

import (
	"fmt"
	"strings"
	"time"
)

// Year is the holiday schedule of one calendar year as published by the
// State Council: the days off and the adjusted working weekends (调休上班).
type Year struct {
	Year     int    `json:"year"`
	DaysOff  []Date `json:"days_off"`
	Workdays []Date `json:"workdays"`
}

// Validate checks that every date is a real date inside the year, that no
// date is listed twice or in both lists, and that every adjusted working day
// is a Saturday or Sunday. The error lists every problem found.
func (y Year) Validate() error {
	var problems []string
	if y.Year < 1 || y.Year > 9999 {
		problems = append(problems, fmt.Sprintf("year %d out of range 1–9999", y.Year))
	}
	seen := make(map[Date]string)
	check := func(list string, d Date) {
		switch {
		case !d.Valid():
			problems = append(problems, fmt.Sprintf("%s: %s is not a valid date", list, d))
			return
		case d.Year != y.Year:
			problems = append(problems, fmt.Sprintf("%s: %s is not in %d", list, d, y.Year))
		}
		switch prev, dup := seen[d]; {
		case dup && prev == list:
			problems = append(problems, fmt.Sprintf("%s: %s listed twice", list, d))
		case dup:
			problems = append(problems, fmt.Sprintf("%s is both a day off and an adjusted working day", d))
		}
		seen[d] = list
	}
	for _, d := range y.DaysOff {
		check("days_off", d)
	}
	for _, d := range y.Workdays {
		check("workdays", d)
		if wd := d.Weekday(); d.Valid() && wd != time.Saturday && wd != time.Sunday {
			problems = append(problems, fmt.Sprintf("workdays: %s is a %s, adjusted working days are weekends", d, wd))
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("calendar: invalid year %d: %s", y.Year, strings.Join(problems, "; "))
	}
	return nil
}

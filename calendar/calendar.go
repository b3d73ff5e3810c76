package calendar

import "time"

// Calendar answers whether a date is a working day. It is read-only after
// New and safe for concurrent use.
type Calendar struct {
	years map[int]schedule
}

// schedule is the lookup form of a Year.
type schedule struct {
	daysOff  map[Date]bool
	workdays map[Date]bool
}

// New builds a calendar from yearly schedules; a later Year with the same
// Year number replaces an earlier one. New does not validate: call
// Year.Validate on data that comes from outside the program.
func New(years ...Year) *Calendar {
	c := &Calendar{years: make(map[int]schedule, len(years))}
	for _, y := range years {
		s := schedule{daysOff: make(map[Date]bool), workdays: make(map[Date]bool)}
		for _, d := range y.DaysOff {
			s.daysOff[d] = true
		}
		for _, d := range y.Workdays {
			s.workdays[d] = true
		}
		c.years[y.Year] = s
	}
	return c
}

// HasYear reports whether the calendar holds the schedule of year y.
func (c *Calendar) HasYear(y int) bool {
	_, ok := c.years[y]
	return ok
}

// IsWorkingDay reports whether d is a working day. known is false when the
// year of d has no schedule; working then means plain Monday to Friday.
func (c *Calendar) IsWorkingDay(d Date) (working, known bool) {
	weekday := d.Weekday() != time.Saturday && d.Weekday() != time.Sunday
	s, known := c.years[d.Year]
	switch {
	case !known:
		return weekday, false
	case s.daysOff[d]:
		return false, true
	case s.workdays[d]:
		return true, true
	default:
		return weekday, true
	}
}

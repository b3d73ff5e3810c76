package calendar

import (
	"fmt"
	"time"
)

// dateLayout is the textual form of a Date: YYYY-MM-DD.
const dateLayout = "2006-01-02"

// Date is a civil date in Asia/Shanghai, without a time of day.
// The zero Date is not a valid date; see Valid.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate parses a date written as YYYY-MM-DD, such as "2025-05-19".
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return Date{}, fmt.Errorf("calendar: invalid date %q, want YYYY-MM-DD", s)
	}
	return dateOfUTC(t), nil
}

// DateOf returns the date of the instant t in Asia/Shanghai.
func DateOf(t time.Time) Date {
	y, m, d := t.In(Shanghai).Date()
	return Date{Year: y, Month: m, Day: d}
}

// dateOfUTC returns the date of t in UTC, the zone dates are computed in.
func dateOfUTC(t time.Time) Date {
	y, m, d := t.Date()
	return Date{Year: y, Month: m, Day: d}
}

// utc returns midnight UTC of d; date arithmetic is done on it.
func (d Date) utc() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
}

// Valid reports whether d is a real calendar date (the zero Date is not).
func (d Date) Valid() bool {
	return d.Year >= 1 && d.Year <= 9999 && dateOfUTC(d.utc()) == d
}

// String returns d as YYYY-MM-DD.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// AddDays returns the date n calendar days after d (before d if n < 0).
func (d Date) AddDays(n int) Date {
	return dateOfUTC(d.utc().AddDate(0, 0, n))
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday {
	return d.utc().Weekday()
}

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool {
	if d.Year != e.Year {
		return d.Year < e.Year
	}
	if d.Month != e.Month {
		return d.Month < e.Month
	}
	return d.Day < e.Day
}

// After reports whether d is later than e.
func (d Date) After(e Date) bool {
	return e.Before(d)
}

// Equal reports whether d and e are the same date.
func (d Date) Equal(e Date) bool {
	return d == e
}

// StartOf returns the first instant of d: 00:00:00 +08:00.
func (d Date) StartOf() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, Shanghai)
}

// EndOf returns 23:59:59 +08:00 of d, the "end of day" deadline instant
// shown as due_at. The deadline itself is the whole day: an instant t is in
// time when DateOf(t) is not after d. A timer that must not fire before the
// day is over should use d.AddDays(1).StartOf() (24:00 of d) instead.
func (d Date) EndOf() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 23, 59, 59, 0, Shanghai)
}

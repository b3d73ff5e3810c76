package calendar

import (
	"errors"
	"fmt"
	"time"
)

// MaxWorkingDays is the largest number of working days AddWorkingDays and
// SubtractWorkingDays accept.
const MaxWorkingDays = 1000

// ErrWorkingDays is wrapped by the error returned for a number of working
// days outside 1…MaxWorkingDays.
var ErrWorkingDays = errors.New("calendar: working days out of range")

// Deadline is the end of the last working day of a period.
type Deadline struct {
	// Date is the last working day.
	Date Date `json:"due_date"`
	// At is Date.EndOf(): 23:59:59 +08:00 of the last working day.
	At time.Time `json:"due_at"`
	// Provisional is true when a day counted lies in a year without
	// holiday data, so that plain Monday to Friday was assumed.
	Provisional bool `json:"provisional"`
	// Note says why a provisional deadline is provisional.
	Note string `json:"note,omitempty"`
}

// checkWorkingDays rejects n outside 1…MaxWorkingDays.
func checkWorkingDays(n int) error {
	if n < 1 || n > MaxWorkingDays {
		return fmt.Errorf("%w: %d, want 1…%d", ErrWorkingDays, n, MaxWorkingDays)
	}
	return nil
}

// AddWorkingDays returns the deadline n working days after the event on
// from: counting starts the day after from, and the deadline is the end of
// the n-th working day. n must be in 1…MaxWorkingDays.
func (c *Calendar) AddWorkingDays(from Date, n int) (Deadline, error) {
	if err := checkWorkingDays(n); err != nil {
		return Deadline{}, err
	}
	unknownYear := 0
	d := from
	for count := 0; count < n; {
		d = d.AddDays(1)
		working, known := c.IsWorkingDay(d)
		if !known && unknownYear == 0 {
			unknownYear = d.Year
		}
		if working {
			count++
		}
	}
	dl := Deadline{Date: d, At: d.EndOf(), Provisional: unknownYear != 0}
	if dl.Provisional {
		dl.Note = fmt.Sprintf("provisional: no holiday data is loaded for %d, so Monday to Friday were counted; "+
			"the date may move when the State Council schedule for %d is loaded", unknownYear, unknownYear)
	}
	return dl, nil
}

// SubtractWorkingDays returns the n-th working day before due, going
// backwards from the day before due; it places a reminder such as "2
// working days before the deadline". When due is a working day the result r
// satisfies AddWorkingDays(r, n).Date == due. n must be in 1…MaxWorkingDays.
func (c *Calendar) SubtractWorkingDays(due Date, n int) (Date, error) {
	if err := checkWorkingDays(n); err != nil {
		return Date{}, err
	}
	d := due
	for count := 0; count < n; {
		d = d.AddDays(-1)
		if working, _ := c.IsWorkingDay(d); working {
			count++
		}
	}
	return d, nil
}

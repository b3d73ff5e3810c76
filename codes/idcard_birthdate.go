package codes

import (
	"strconv"
	"time"
)

// chinaTime is Asia/Shanghai, which has kept UTC+8 without daylight saving
// since 1991; a fixed zone avoids depending on the time-zone database.
var chinaTime = time.FixedZone("CST", 8*60*60)

// minBirthDate is the earliest birth date accepted in an ID-card number.
var minBirthDate = time.Date(1900, time.January, 1, 0, 0, 0, 0, chinaTime)

// checkBirthDate validates the YYYYMMDD birth date of an ID-card number
// (positions 7-14, already known to be digits) against the calendar, the
// 1900-01-01 lower bound and today's date in China at now.
func checkBirthDate(yyyymmdd string, now time.Time) error {
	y, _ := strconv.Atoi(yyyymmdd[:4])
	m, _ := strconv.Atoi(yyyymmdd[4:6])
	d, _ := strconv.Atoi(yyyymmdd[6:])
	shown := yyyymmdd[:4] + "-" + yyyymmdd[4:6] + "-" + yyyymmdd[6:]

	date := time.Date(y, time.Month(m), d, 0, 0, 0, 0, chinaTime)
	if date.Year() != y || int(date.Month()) != m || date.Day() != d {
		return fail(idField, ErrBirthDate, "birth date %s (positions 7-14) is not a real date", shown)
	}
	if date.Before(minBirthDate) {
		return fail(idField, ErrBirthDate, "birth date %s (positions 7-14) is before 1900-01-01", shown)
	}
	ty, tm, td := now.In(chinaTime).Date()
	if date.After(time.Date(ty, tm, td, 0, 0, 0, 0, chinaTime)) {
		return fail(idField, ErrBirthDate, "birth date %s (positions 7-14) is in the future", shown)
	}
	return nil
}

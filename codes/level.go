package codes

import "strconv"

// Level is the tier of a region in the review ladder county → city →
// province. Higher levels have larger values.
type Level int

// The region levels, lowest first. The zero Level is not a valid level.
const (
	// County is a county or district (21CCDD, DD ≠ 00), reviewed first.
	County Level = iota + 1
	// City is one of the 13 prefecture cities (21CC00).
	City
	// Province is Liaoning province (210000), the top of the ladder.
	Province
)

// String returns "county", "city" or "province" ("Level(n)" otherwise).
func (l Level) String() string {
	switch l {
	case County:
		return "county"
	case City:
		return "city"
	case Province:
		return "province"
	}
	return "Level(" + strconv.Itoa(int(l)) + ")"
}

package records

import (
	"math"
	"strconv"
	"strings"

	"golang.org/x/text/width"

	"github.com/liaoning-finance/cpe/codes"
)

// newRow builds a row from uploaded text, trimmed and normalised; the
// caller sets the credits.
func newRow(line int, idNumber, name, category string) Row {
	return Row{
		Line:     line,
		IDNumber: codes.NormalizeIDCard(idNumber),
		Name:     strings.TrimSpace(name),
		Category: normaliseCategory(category),
	}
}

// setCredits reads the credits of row from uploaded text, accepting
// full-width digits; a text that is no plain decimal number is recorded as
// the row's credits problem.
func setCredits(row *Row, text string) {
	text = strings.TrimSpace(width.Narrow.String(text))
	if text == "" {
		row.creditsProblem = "credits is required"
		return
	}
	v, err := strconv.ParseFloat(text, 64)
	if err != nil || !isDecimal(text) || math.IsInf(v, 0) {
		row.creditsProblem = "credits must be a number, got " + strconv.Quote(text)
		return
	}
	row.Credits = v
}

// isDecimal reports whether s is a plain decimal number: an optional sign,
// digits and at most one decimal point, without exponent or hex prefix.
func isDecimal(s string) bool {
	s = strings.TrimLeft(s, "+-")
	digits, points := 0, 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '.':
			points++
		default:
			return false
		}
	}
	return digits > 0 && points <= 1
}

package records

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/liaoning-finance/cpe/codes"
)

// checkID returns the normalised ID-card number of a row, or why it is not
// a valid one.
func checkID(s string) (id, problem string) {
	id = codes.NormalizeIDCard(s)
	switch {
	case id == "":
		return "", "id_number is required"
	case looksLikeExcelNumber(id):
		return "", fmt.Sprintf("id_number looks like a number formatted by Excel (%s): format the column as text", id)
	}
	if err := codes.CheckIDCard(id); err != nil {
		return "", err.Error()
	}
	return id, ""
}

// looksLikeExcelNumber reports whether s is a number in scientific
// notation, such as "1.10101E+17": what Excel shows, and writes to CSV,
// for an 18-digit number in a cell that is not formatted as text.
func looksLikeExcelNumber(s string) bool {
	if !strings.ContainsAny(s, "eE") {
		return false
	}
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

// checkName returns why a row's name is not acceptable, or "".
func checkName(name string) string {
	if strings.TrimSpace(name) == "" {
		return "name is required"
	}
	return ""
}

// checkCredits returns why a row's credits are not acceptable, or "".
func checkCredits(row Row, filed float64) string {
	switch {
	case row.creditsProblem != "":
		return row.creditsProblem
	case !(row.Credits > 0):
		return "credits must be greater than 0, got " + formatCredits(row.Credits)
	case row.Credits > filed:
		return fmt.Sprintf("credits %s exceed the %s credits filed for this training", formatCredits(row.Credits), formatCredits(filed))
	}
	return ""
}

// checkCategory returns why a row's category is not acceptable for a
// filing of category filed, or "". An empty category is the filing's.
func checkCategory(category, filed string) string {
	if category == "" {
		return ""
	}
	switch c := normaliseCategory(category); {
	case c != professional && c != public:
		return fmt.Sprintf("category must be professional (专业科目) or public (公需科目), got %q", category)
	case c != filed:
		return fmt.Sprintf("category %s differs from the filing's category %s", c, filed)
	}
	return ""
}

// formatCredits formats a number of credits without needless digits.
func formatCredits(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

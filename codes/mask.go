package codes

import "strings"

// MaskIDCard returns the ID-card number for logs and UI: normalised as by
// NormalizeIDCard, the first 6 and last 4 characters kept and the 8 between
// them replaced by '*', e.g. "110105********002X". A value that is not 18
// characters long is masked completely (same number of '*'), so malformed
// input never leaks.
func MaskIDCard(s string) string {
	r := []rune(NormalizeIDCard(s))
	if len(r) != idLength {
		return strings.Repeat("*", len(r))
	}
	return string(r[:6]) + strings.Repeat("*", idLength-10) + string(r[idLength-4:])
}

package codes

import "unicode/utf8"

// checkLength reports an ErrLength error unless s has exactly n characters.
// Characters are counted as runes so that a stray full-width character is
// reported as such rather than as extra length.
func checkLength(field, s string, n int) error {
	if got := utf8.RuneCountInString(s); got != n {
		return fail(field, ErrLength, "must be %d characters, got %d", n, got)
	}
	return nil
}

package codes

import "unicode/utf8"

const (
	usccField  = "uscc"
	usccLength = 18
)

// CheckUSCC validates an 18-character unified social credit code
// (GB 32100-2015), exactly as given (no trimming or case folding): every
// character from the code's 31-character set (0-9 and A-Z without I, O, S,
// V, Z), a registration authority code other than '0' at position 1, a
// numeric administrative division code at positions 3-8 and the MOD 31
// check character at position 18. The returned error is an *Error wrapping
// ErrLength, ErrCharacter or ErrCheckChar.
func CheckUSCC(s string) error {
	if err := checkLength(usccField, s, usccLength); err != nil {
		return err
	}
	if err := checkUSCCChars(s); err != nil {
		return err
	}
	if want := usccCheckChar(s[:usccLength-1]); s[usccLength-1] != want {
		return fail(usccField, ErrCheckChar, "check character is %c, expected %c", s[usccLength-1], want)
	}
	return nil
}

// USCCCheckChar returns the check character completing the first 17
// characters of a unified social credit code, so that
// CheckUSCC(first17 + string(c)) succeeds. first17 must satisfy the same
// rules as in CheckUSCC; otherwise the error says which is broken.
func USCCCheckChar(first17 string) (byte, error) {
	if n := utf8.RuneCountInString(first17); n != usccLength-1 {
		return 0, fail(usccField, ErrLength, "need the first %d characters, got %d", usccLength-1, n)
	}
	if err := checkUSCCChars(first17); err != nil {
		return 0, err
	}
	return usccCheckChar(first17), nil
}

// checkUSCCChars checks each character of a full code or of its first 17
// characters against the character set and the positional rules.
func checkUSCCChars(s string) error {
	for i, r := range []rune(s) {
		pos := i + 1
		switch {
		case usccValue(r) < 0:
			return fail(usccField, ErrCharacter, "invalid character %q at position %d (allowed: 0-9 and A-Z except I, O, S, V, Z)", r, pos)
		case pos == 1 && r == '0':
			return fail(usccField, ErrCharacter, "registration authority code at position 1 must not be '0'")
		case pos >= 3 && pos <= 8 && (r < '0' || r > '9'):
			return fail(usccField, ErrCharacter, "administrative division code (positions 3-8) must be digits, got %q at position %d", r, pos)
		}
	}
	return nil
}

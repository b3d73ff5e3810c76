package codes

import (
	"strings"
	"time"
)

const (
	idField  = "id_number"
	idLength = 18
)

// NormalizeIDCard trims surrounding white space and upper-cases a final
// check character 'x'. It does not validate; use CheckIDCard for that.
func NormalizeIDCard(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasSuffix(s, "x") {
		s = s[:len(s)-1] + "X"
	}
	return s
}

// CheckIDCard validates an 18-character PRC resident ID-card number
// (GB 11643-1999) after NormalizeIDCard: 17 digits and a check character
// (digit or X), a valid province code, a real birth date between 1900-01-01
// and today (Asia/Shanghai) and the ISO 7064 MOD 11-2 check character.
// The returned error is an *Error wrapping ErrLength, ErrCharacter,
// ErrProvinceCode, ErrBirthDate or ErrCheckChar.
func CheckIDCard(s string) error {
	return checkIDCard(s, time.Now())
}

// checkIDCard is CheckIDCard with the current time supplied by the caller.
func checkIDCard(s string, now time.Time) error {
	s = NormalizeIDCard(s)
	if err := checkLength(idField, s, idLength); err != nil {
		return err
	}
	for i, r := range []rune(s) {
		pos := i + 1
		switch {
		case r >= '0' && r <= '9':
		case pos == idLength && r == 'X':
		case pos == idLength:
			return fail(idField, ErrCharacter, "check character at position %d must be a digit or X, got %q", pos, r)
		default:
			return fail(idField, ErrCharacter, "non-digit %q at position %d", r, pos)
		}
	}
	if !isProvinceCode(s[:2]) {
		return fail(idField, ErrProvinceCode, "province code %s (positions 1-2) is not a valid PRC province code", s[:2])
	}
	if err := checkBirthDate(s[6:14], now); err != nil {
		return err
	}
	if want := idCheckChar(s[:17]); s[17] != want {
		return fail(idField, ErrCheckChar, "check digit is %c, expected %c", s[17], want)
	}
	return nil
}

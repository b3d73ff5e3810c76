package codes

import (
	"errors"
	"strings"
	"testing"
)

// withIDCheck completes 17 digits with their check character, computed
// independently of idcard_checksum.go: ISO 7064 MOD 11-2 with weights
// 2^k mod 11 and check value (12 - sum mod 11) mod 11.
func withIDCheck(first17 string) string {
	sum, w := 0, 1
	for i := len(first17) - 1; i >= 0; i-- {
		w = w * 2 % 11
		sum += int(first17[i]-'0') * w
	}
	c := (12 - sum%11) % 11
	if c == 10 {
		return first17 + "X"
	}
	return first17 + string(rune('0'+c))
}

// withUSCCCheck completes 17 characters with their check character,
// computed independently of uscc_checksum.go: weights 3^k mod 31.
func withUSCCCheck(first17 string) string {
	const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	sum, w := 0, 1
	for i := range len(first17) {
		sum += strings.IndexByte(alphabet, first17[i]) * w
		w = w * 3 % 31
	}
	return first17 + string(alphabet[(31-sum%31)%31])
}

// sentinels lists every error kind the package reports.
var sentinels = []error{
	ErrLength, ErrCharacter, ErrProvinceCode, ErrBirthDate, ErrCheckChar,
	ErrExcludedRegion, ErrUnknownRegion,
}

// assertKind fails unless err is an *Error for field wrapping kind (any
// sentinel when kind is nil) whose message starts with the field name and
// contains want.
func assertKind(t *testing.T, err error, field string, kind error, want string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not a *Error", err, err)
	}
	if e.Field != field {
		t.Errorf("field %q, want %q", e.Field, field)
	}
	if !strings.HasPrefix(err.Error(), field+": ") {
		t.Errorf("message %q does not start with %q", err, field+": ")
	}
	if !strings.Contains(err.Error(), want) {
		t.Errorf("message %q does not contain %q", err, want)
	}
	if kind != nil && !errors.Is(err, kind) {
		t.Errorf("error %q is not %v", err, kind)
	}
	if kind == nil {
		for _, s := range sentinels {
			if errors.Is(err, s) {
				return
			}
		}
		t.Errorf("error %q wraps no sentinel", err)
	}
}

func TestIndependentHelpersAgreeWithKnownSamples(t *testing.T) {
	if got := withIDCheck("11010519491231002"); got != "11010519491231002X" {
		t.Errorf("withIDCheck = %s, want 11010519491231002X", got)
	}
	if got := withUSCCCheck("91350100M000100Y4"); got != "91350100M000100Y43" {
		t.Errorf("withUSCCCheck = %s, want 91350100M000100Y43", got)
	}
}

package codes

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzCheckIDCard(f *testing.F) {
	for _, s := range []string{
		"11010519491231002X", "11010519491231002x", " 210102199001010090 ",
		"110105194912310021", "11010519491A31002X", "21010220210230001X",
		"", "x", "１1010519491231002X", "\xff1010519491231002X",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := CheckIDCard(s)
		n := NormalizeIDCard(s)
		if NormalizeIDCard(n) != n {
			t.Errorf("NormalizeIDCard is not idempotent on %q", s)
		}
		m := MaskIDCard(s)
		if utf8.RuneCountInString(m) != utf8.RuneCountInString(n) {
			t.Errorf("MaskIDCard(%q) = %q changes the length", s, m)
		}
		if err != nil {
			assertKind(t, err, "id_number", nil, "")
			return
		}
		if len(n) != idLength {
			t.Fatalf("CheckIDCard(%q) ok but normalised length is %d", s, len(n))
		}
		if CheckIDCard(n) != nil {
			t.Errorf("CheckIDCard rejects the normalised form of valid %q", s)
		}
		if withIDCheck(n[:17]) != n {
			t.Errorf("CheckIDCard(%q) ok but the independent check says %s", s, withIDCheck(n[:17]))
		}
		if m != n[:6]+"********"+n[14:] {
			t.Errorf("MaskIDCard(%q) = %q", s, m)
		}
		if strings.ContainsAny(m[6:14], "0123456789X") {
			t.Errorf("MaskIDCard(%q) = %q leaks the middle", s, m)
		}
	})
}

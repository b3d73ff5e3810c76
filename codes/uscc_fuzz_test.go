package codes

import "testing"

func FuzzCheckUSCC(f *testing.F) {
	for _, s := range []string{
		"91350100M000100Y43", "91350100M000100Y44", "91210100MA00000060",
		"01350100M000100Y43", "9121A100M000100Y43", "91350100m000100Y43",
		"", "９1350100M000100Y43",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if err := CheckUSCC(s); err != nil {
			assertKind(t, err, "uscc", nil, "")
		} else {
			if len(s) != usccLength {
				t.Fatalf("CheckUSCC(%q) ok with byte length %d", s, len(s))
			}
			if c, err := USCCCheckChar(s[:17]); err != nil || c != s[17] {
				t.Errorf("USCCCheckChar(%q) = %c, %v; want %c", s[:17], c, err, s[17])
			}
			if withUSCCCheck(s[:17]) != s {
				t.Errorf("CheckUSCC(%q) ok but the independent check says %s", s, withUSCCCheck(s[:17]))
			}
		}
		if len(s) < 17 {
			return
		}
		c, err := USCCCheckChar(s[:17])
		if err != nil {
			assertKind(t, err, "uscc", nil, "")
			return
		}
		if err := CheckUSCC(s[:17] + string(c)); err != nil {
			t.Errorf("USCCCheckChar(%q) = %c but CheckUSCC rejects it: %v", s[:17], c, err)
		}
	})
}

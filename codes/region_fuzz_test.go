package codes

import (
	"errors"
	"strings"
	"testing"
)

func FuzzParseRegion(f *testing.F) {
	for _, s := range []string{
		"210000", "210100", "210102", "211400", "210200", "210211",
		"220100", "210099", "21010", "21A100", "", "２10100",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, code string) {
		r, err := ParseRegion(code)
		excluded := len(code) == 6 && code[:4] == dalianPrefix && strings.Trim(code[4:], "0123456789") == ""
		if errors.Is(err, ErrExcludedRegion) != excluded {
			t.Errorf("ParseRegion(%q) = %v; excluded region: %v", code, err, excluded)
		}
		if err != nil {
			assertKind(t, err, "region", nil, "")
			return
		}
		if r.Code != code {
			t.Fatalf("ParseRegion(%q).Code = %q", code, r.Code)
		}
		if r.Name() == "" {
			t.Errorf("ParseRegion(%q).Name() is empty", code)
		}
		city, err := ParseRegion(r.City())
		if err != nil || city.Level < City || !city.Covers(r) {
			t.Errorf("City() of %q is %q (%v)", code, r.City(), err)
		}
		for steps, cur := 0, r; ; steps++ {
			p, ok := cur.Parent()
			if !ok {
				if cur.Level != Province || cur.Code != ProvinceCode {
					t.Errorf("parent chain of %q ends at %+v", code, cur)
				}
				break
			}
			if steps == 2 || p.Level != cur.Level+1 || !p.Covers(r) {
				t.Fatalf("bad parent %+v of %+v (from %q)", p, cur, code)
			}
			if reparsed, err := ParseRegion(p.Code); err != nil || reparsed != p {
				t.Errorf("parent %+v of %q does not parse back: %+v, %v", p, code, reparsed, err)
			}
			cur = p
		}
	})
}

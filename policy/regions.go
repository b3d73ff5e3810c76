package policy

import "strings"

// IsExcludedRegion reports whether the GB/T 2260 region code lies in one of
// ExcludedRegions: equal to it, or subordinate to it. With 210200 (大连)
// excluded, 210200 and 210211 are excluded and 210100 is not.
func (p Policy) IsExcludedRegion(code string) bool {
	for _, excluded := range p.ExcludedRegions {
		if strings.HasPrefix(code, regionPrefix(excluded)) && len(code) == len(excluded) {
			return true
		}
	}
	return false
}

// regionPrefix strips the trailing "00" pairs of a region code, leaving the
// digits its subordinate regions share: "210200" → "2102", "210000" → "21".
func regionPrefix(code string) string {
	for len(code) > 2 && strings.HasSuffix(code, "00") {
		code = code[:len(code)-2]
	}
	return code
}

package codes

const (
	regionField = "region"
	// dalianPrefix is the first four digits of 210200 (大连) and its districts.
	dalianPrefix = "2102"
)

// ParseRegion parses a six-digit GB/T 2260 code of the scheme: "210000" is
// the province, "21CC00" one of the 13 cities (see Cities), and "21CCDD"
// with DD ≠ "00" a county or district of such a city. The code is taken as
// given, without trimming. 210200 (大连) and its districts yield an error
// wrapping ErrExcludedRegion; a malformed code one wrapping ErrLength or
// ErrCharacter; a code of another province or of no city of the scheme one
// wrapping ErrUnknownRegion.
func ParseRegion(code string) (Region, error) {
	if err := checkLength(regionField, code, 6); err != nil {
		return Region{}, err
	}
	for i, r := range []rune(code) {
		if r < '0' || r > '9' {
			return Region{}, fail(regionField, ErrCharacter, "non-digit %q at position %d", r, i+1)
		}
	}
	if code[:2] != ProvinceCode[:2] {
		return Region{}, fail(regionField, ErrUnknownRegion, "%s is outside Liaoning (province code %s, expected 21)", code, code[:2])
	}
	if code == ProvinceCode {
		return Region{Code: code, Level: Province}, nil
	}
	city := code[:4] + "00"
	switch {
	case code == dalianPrefix+"00":
		return Region{}, fail(regionField, ErrExcludedRegion, "210200 (大连) is excluded from this scheme: it runs its own continuing-education administration")
	case code[:4] == dalianPrefix:
		return Region{}, fail(regionField, ErrExcludedRegion, "%s is in 210200 (大连), which is excluded from this scheme: it runs its own continuing-education administration", code)
	case city == ProvinceCode:
		return Region{}, fail(regionField, ErrUnknownRegion, "%s is in no city: a county code needs a city prefix 21CC with CC ≠ 00", code)
	case CityName(city) == "" && code == city:
		return Region{}, fail(regionField, ErrUnknownRegion, "%s is not a Liaoning prefecture city of this scheme", code)
	case CityName(city) == "":
		return Region{}, fail(regionField, ErrUnknownRegion, "%s is under %s, which is not a Liaoning prefecture city of this scheme", code, city)
	case code == city:
		return Region{Code: code, Level: City}, nil
	}
	return Region{Code: code, Level: County}, nil
}

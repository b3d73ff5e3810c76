package codes

// Region is a Liaoning administrative division of the scheme, as returned
// by ParseRegion: the province, one of the 13 cities or a county/district
// of one of them.
type Region struct {
	// Code is the six-digit GB/T 2260 code, e.g. "210102".
	Code string
	// Level is the region's tier in the review ladder.
	Level Level
}

// City returns the code of the city the region belongs to: a county's city,
// a city itself, or ProvinceCode for the province ("" for an invalid Level
// or a county whose code is not six characters long).
func (r Region) City() string {
	switch {
	case r.Level == County && len(r.Code) == 6:
		return r.Code[:4] + "00"
	case r.Level == City:
		return r.Code
	case r.Level == Province:
		return ProvinceCode
	}
	return ""
}

// Parent returns the next region up the review ladder: a county's city, a
// city's province. The province has no parent.
func (r Region) Parent() (Region, bool) {
	switch r.Level {
	case County:
		return Region{Code: r.City(), Level: City}, true
	case City:
		return Region{Code: ProvinceCode, Level: Province}, true
	}
	return Region{}, false
}

// Covers reports whether other lies within r: the province covers every
// region, a city covers itself and its counties, a county only itself.
func (r Region) Covers(other Region) bool {
	for {
		if other == r {
			return true
		}
		var ok bool
		if other, ok = other.Parent(); !ok {
			return false
		}
	}
}

// Name returns the Chinese name of the region: "辽宁" for the province, the
// city name for a city (e.g. "沈阳"), and "<city name>辖区 <code>" for a
// county (e.g. "沈阳辖区 210102"); "" for an invalid Level.
func (r Region) Name() string {
	switch r.Level {
	case County:
		return CityName(r.City()) + "辖区 " + r.Code
	case City:
		return CityName(r.Code)
	case Province:
		return provinceName
	}
	return ""
}

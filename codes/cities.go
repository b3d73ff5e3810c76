package codes

// ProvinceCode is the GB/T 2260 code of Liaoning province.
const ProvinceCode = "210000"

// provinceName is the name of Liaoning province.
const provinceName = "辽宁"

// cities are Liaoning's prefecture cities in this scheme, in code order.
// 210200 (大连) is absent: it is excluded.
var cities = []struct{ code, name string }{
	{"210100", "沈阳"},
	{"210300", "鞍山"},
	{"210400", "抚顺"},
	{"210500", "本溪"},
	{"210600", "丹东"},
	{"210700", "锦州"},
	{"210800", "营口"},
	{"210900", "阜新"},
	{"211000", "辽阳"},
	{"211100", "盘锦"},
	{"211200", "铁岭"},
	{"211300", "朝阳"},
	{"211400", "葫芦岛"},
}

// Cities returns the 13 prefecture cities of the scheme in code order
// (大连 excluded). The slice is the caller's to modify.
func Cities() []Region {
	out := make([]Region, len(cities))
	for i, c := range cities {
		out[i] = Region{Code: c.code, Level: City}
	}
	return out
}

// CityName returns the Chinese name of one of the 13 cities, e.g.
// CityName("210100") == "沈阳", or "" for any other code.
func CityName(code string) string {
	for _, c := range cities {
		if c.code == code {
			return c.name
		}
	}
	return ""
}

package codes

import "testing"

// wantCities are the 13 cities of the scheme, in code order.
var wantCities = []struct{ code, name string }{
	{"210100", "沈阳"}, {"210300", "鞍山"}, {"210400", "抚顺"}, {"210500", "本溪"},
	{"210600", "丹东"}, {"210700", "锦州"}, {"210800", "营口"}, {"210900", "阜新"},
	{"211000", "辽阳"}, {"211100", "盘锦"}, {"211200", "铁岭"}, {"211300", "朝阳"},
	{"211400", "葫芦岛"},
}

func TestParseRegionValid(t *testing.T) {
	tests := []struct {
		code  string
		level Level
		city  string
		name  string
	}{
		{"210000", Province, "210000", "辽宁"},
		{"210102", County, "210100", "沈阳辖区 210102"},
		{"210150", County, "210100", "沈阳辖区 210150"},
		{"210302", County, "210300", "鞍山辖区 210302"},
		{"211481", County, "211400", "葫芦岛辖区 211481"},
		{"211399", County, "211300", "朝阳辖区 211399"},
	}
	for _, c := range wantCities {
		tests = append(tests, struct {
			code  string
			level Level
			city  string
			name  string
		}{c.code, City, c.code, c.name})
	}
	for _, tc := range tests {
		t.Run(tc.code, func(t *testing.T) {
			r, err := ParseRegion(tc.code)
			if err != nil {
				t.Fatalf("ParseRegion(%q) = %v", tc.code, err)
			}
			if r != (Region{Code: tc.code, Level: tc.level}) {
				t.Errorf("ParseRegion(%q) = %+v, want level %v", tc.code, r, tc.level)
			}
			if got := r.City(); got != tc.city {
				t.Errorf("City() = %q, want %q", got, tc.city)
			}
			if got := r.Name(); got != tc.name {
				t.Errorf("Name() = %q, want %q", got, tc.name)
			}
		})
	}
}

func TestParseRegionInvalid(t *testing.T) {
	tests := []struct {
		code string
		kind error
		want string
	}{
		{"210200", ErrExcludedRegion, "region: 210200 (大连) is excluded from this scheme: it runs its own continuing-education administration"},
		{"210211", ErrExcludedRegion, "region: 210211 is in 210200 (大连), which is excluded from this scheme"},
		{"210299", ErrExcludedRegion, "210299 is in 210200 (大连)"},
		{"220100", ErrUnknownRegion, "220100 is outside Liaoning (province code 22, expected 21)"},
		{"110000", ErrUnknownRegion, "outside Liaoning"},
		{"211500", ErrUnknownRegion, "211500 is not a Liaoning prefecture city"},
		{"219900", ErrUnknownRegion, "219900 is not a Liaoning prefecture city"},
		{"211501", ErrUnknownRegion, "211501 is under 211500, which is not a Liaoning prefecture city"},
		{"210099", ErrUnknownRegion, "210099 is in no city"},
		{"21010", ErrLength, "must be 6 characters, got 5"},
		{"2101000", ErrLength, "must be 6 characters, got 7"},
		{"", ErrLength, "got 0"},
		{"21A100", ErrCharacter, "non-digit 'A' at position 3"},
		{" 21010", ErrCharacter, "non-digit ' ' at position 1"},
		{"２10100", ErrCharacter, "non-digit '２' at position 1"},
	}
	for _, tc := range tests {
		t.Run(tc.code, func(t *testing.T) {
			r, err := ParseRegion(tc.code)
			if err == nil {
				t.Fatalf("ParseRegion(%q) = %+v, nil; want %v", tc.code, r, tc.kind)
			}
			assertKind(t, err, "region", tc.kind, tc.want)
			if r != (Region{}) {
				t.Errorf("ParseRegion(%q) returned %+v with the error", tc.code, r)
			}
		})
	}
}

func TestCities(t *testing.T) {
	got := Cities()
	if len(got) != len(wantCities) {
		t.Fatalf("Cities() has %d entries, want %d", len(got), len(wantCities))
	}
	for i, c := range wantCities {
		if got[i] != (Region{Code: c.code, Level: City}) {
			t.Errorf("Cities()[%d] = %+v, want %s", i, got[i], c.code)
		}
		if name := CityName(c.code); name != c.name {
			t.Errorf("CityName(%q) = %q, want %q", c.code, name, c.name)
		}
	}
	got[0].Code = "999999"
	if Cities()[0].Code != "210100" {
		t.Error("modifying the result of Cities() changed the table")
	}
	for _, code := range []string{"210200", "210000", "210102", "220100", ""} {
		if name := CityName(code); name != "" {
			t.Errorf("CityName(%q) = %q, want \"\"", code, name)
		}
	}
}

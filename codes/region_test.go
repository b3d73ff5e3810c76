package codes

import "testing"

var (
	liaoning = Region{Code: "210000", Level: Province}
	shenyang = Region{Code: "210100", Level: City}
	heping   = Region{Code: "210102", Level: County}
	shenhe   = Region{Code: "210103", Level: County}
	anshan   = Region{Code: "210300", Level: City}
	tiedong  = Region{Code: "210302", Level: County}
)

func TestLevelString(t *testing.T) {
	tests := map[Level]string{County: "county", City: "city", Province: "province", 0: "Level(0)", 7: "Level(7)"}
	for l, want := range tests {
		if got := l.String(); got != want {
			t.Errorf("Level(%d).String() = %q, want %q", int(l), got, want)
		}
	}
	if !(County < City && City < Province) {
		t.Error("levels are not ordered county < city < province")
	}
}

func TestRegionParent(t *testing.T) {
	tests := []struct {
		r    Region
		want Region
		ok   bool
	}{
		{heping, shenyang, true},
		{tiedong, anshan, true},
		{shenyang, liaoning, true},
		{anshan, liaoning, true},
		{liaoning, Region{}, false},
		{Region{}, Region{}, false},
	}
	for _, tc := range tests {
		got, ok := tc.r.Parent()
		if got != tc.want || ok != tc.ok {
			t.Errorf("%+v.Parent() = %+v, %v; want %+v, %v", tc.r, got, ok, tc.want, tc.ok)
		}
	}
}

func TestRegionCovers(t *testing.T) {
	all := []Region{liaoning, shenyang, heping, shenhe, anshan, tiedong}
	covers := map[Region][]Region{
		liaoning: all,
		shenyang: {shenyang, heping, shenhe},
		anshan:   {anshan, tiedong},
		heping:   {heping},
		shenhe:   {shenhe},
		tiedong:  {tiedong},
	}
	for _, r := range all {
		for _, o := range all {
			want := false
			for _, c := range covers[r] {
				want = want || c == o
			}
			if got := r.Covers(o); got != want {
				t.Errorf("%s.Covers(%s) = %v, want %v", r.Code, o.Code, got, want)
			}
		}
	}
	if liaoning.Covers(Region{}) {
		t.Error("the province covers the zero Region")
	}
}

func TestRegionInvalidLevel(t *testing.T) {
	for _, r := range []Region{{}, {Code: "210100", Level: 9}} {
		if got := r.City(); got != "" {
			t.Errorf("%+v.City() = %q, want \"\"", r, got)
		}
		if got := r.Name(); got != "" {
			t.Errorf("%+v.Name() = %q, want \"\"", r, got)
		}
	}
	if got := (Region{Code: "21", Level: County}).City(); got != "" {
		t.Errorf("City() of a county with a short code = %q, want \"\"", got)
	}
}

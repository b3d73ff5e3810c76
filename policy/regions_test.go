package policy_test

import "testing"

func TestIsExcludedRegion(t *testing.T) {
	p := policy2025(t)
	tests := []struct {
		code string
		want bool
	}{
		{"210200", true}, // 大连
		{"210211", true}, // 甘井子区, Dalian
		{"210281", true}, // 瓦房店市, Dalian
		{"210100", false},
		{"210102", false},
		{"210000", false},
		{"2102", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := p.IsExcludedRegion(tt.code); got != tt.want {
			t.Errorf("IsExcludedRegion(%q) = %v, want %v", tt.code, got, tt.want)
		}
	}
}

package codes

import "testing"

func TestMaskIDCard(t *testing.T) {
	tests := []struct{ in, want string }{
		{"11010519491231002X", "110105********002X"},
		{" 11010519491231002x ", "110105********002X"},
		{"210102199001010090", "210102********0090"},
		{"11010519491231002", "*****************"},
		{"110105491231002", "***************"},
		{"", ""},
		{"１1010519491231002X", "１10105********002X"},
	}
	for _, tc := range tests {
		if got := MaskIDCard(tc.in); got != tc.want {
			t.Errorf("MaskIDCard(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

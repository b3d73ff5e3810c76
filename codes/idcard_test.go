package codes

import (
	"testing"
	"time"
)

// testNow is the fixed "today" of the table tests: 2025-06-15 in China.
var testNow = time.Date(2025, time.June, 15, 12, 0, 0, 0, chinaTime)

func TestCheckIDCard(t *testing.T) {
	valid := []struct{ name, in string }{
		{"well-known sample", "11010519491231002X"},
		{"lowercase x", "11010519491231002x"},
		{"surrounding white space", " \t11010519491231002X\n"},
		{"Shenyang Heping", withIDCheck("21010219900101123")},
		{"Liaoning born 1985", withIDCheck("21140319850315004")},
		{"born today", withIDCheck("21010220250615001")},
		{"born 1900-01-01", withIDCheck("11010519000101001")},
		{"leap day 2000", withIDCheck("31010120000229002")},
		{"Hong Kong code 81", withIDCheck("81000019800101001")},
		{"foreigner code 91", withIDCheck("91000019800101001")},
		{"check digit 0", "210102199001010090"},
	}
	for _, tc := range valid {
		t.Run(tc.name, func(t *testing.T) {
			if err := checkIDCard(tc.in, testNow); err != nil {
				t.Errorf("checkIDCard(%q) = %v, want nil", tc.in, err)
			}
		})
	}

	invalid := []struct {
		name, in string
		kind     error
		want     string
	}{
		{"wrong check digit", "110105194912310021", ErrCheckChar, "id_number: check digit is 1, expected X"},
		{"X where digit expected", "210102199001010090"[:17] + "X", ErrCheckChar, "check digit is X, expected 0"},
		{"empty", "", ErrLength, "must be 18 characters, got 0"},
		{"17 characters", "11010519491231002", ErrLength, "must be 18 characters, got 17"},
		{"19 characters", "11010519491231002X1", ErrLength, "must be 18 characters, got 19"},
		{"15-digit first generation", "110105491231002", ErrLength, "got 15"},
		{"letter in body", "11010519491A31002X", ErrCharacter, "non-digit 'A' at position 12"},
		{"lowercase x in body", "1101051949123100x2", ErrCharacter, "non-digit 'x' at position 17"},
		{"inner space", "110105 9491231002X", ErrCharacter, "non-digit ' ' at position 7"},
		{"full-width digit", "１1010519491231002X", ErrCharacter, "non-digit '１' at position 1"},
		{"bad check character", "11010519491231002A", ErrCharacter, "check character at position 18 must be a digit or X, got 'A'"},
		{"province 99", withIDCheck("99010519491231002"), ErrProvinceCode, "province code 99 (positions 1-2)"},
		{"province 00", withIDCheck("00010519491231002"), ErrProvinceCode, "province code 00"},
		{"province 16", withIDCheck("16010519491231002"), ErrProvinceCode, "province code 16"},
		{"February 30", withIDCheck("21010220210230001"), ErrBirthDate, "birth date 2021-02-30 (positions 7-14) is not a real date"},
		{"February 29 non-leap 1900", withIDCheck("21010219000229001"), ErrBirthDate, "1900-02-29 (positions 7-14) is not a real date"},
		{"month 13", withIDCheck("21010219901301001"), ErrBirthDate, "1990-13-01 (positions 7-14) is not a real date"},
		{"day 00", withIDCheck("21010219900100001"), ErrBirthDate, "1990-01-00 (positions 7-14) is not a real date"},
		{"before 1900", withIDCheck("44052418991231001"), ErrBirthDate, "1899-12-31 (positions 7-14) is before 1900-01-01"},
		{"tomorrow", withIDCheck("21010220250616001"), ErrBirthDate, "2025-06-16 (positions 7-14) is in the future"},
		{"far future", withIDCheck("21010220990101001"), ErrBirthDate, "2099-01-01 (positions 7-14) is in the future"},
	}
	for _, tc := range invalid {
		t.Run(tc.name, func(t *testing.T) {
			err := checkIDCard(tc.in, testNow)
			if err == nil {
				t.Fatalf("checkIDCard(%q) = nil, want %v", tc.in, tc.kind)
			}
			assertKind(t, err, "id_number", tc.kind, tc.want)
		})
	}
}

func TestCheckIDCardTodayIsChinaDate(t *testing.T) {
	// 2025-06-15 20:00 UTC is already 2025-06-16 in China.
	now := time.Date(2025, time.June, 15, 20, 0, 0, 0, time.UTC)
	if err := checkIDCard(withIDCheck("21010220250616001"), now); err != nil {
		t.Errorf("born on China's today: %v", err)
	}
}

func TestCheckIDCardUsesCurrentTime(t *testing.T) {
	if err := CheckIDCard("11010519491231002X"); err != nil {
		t.Errorf("CheckIDCard(sample) = %v", err)
	}
	next := time.Now().In(chinaTime).AddDate(0, 0, 2).Format("20060102")
	assertKind(t, CheckIDCard(withIDCheck("210102"+next+"001")), "id_number", ErrBirthDate, "in the future")
}

func TestNormalizeIDCard(t *testing.T) {
	tests := []struct{ in, want string }{
		{"11010519491231002x", "11010519491231002X"},
		{"  11010519491231002X  ", "11010519491231002X"},
		{"\t210102199001010090\r\n", "210102199001010090"},
		{"", ""},
		{"x", "X"},
		{"1x2", "1x2"},
	}
	for _, tc := range tests {
		if got := NormalizeIDCard(tc.in); got != tc.want {
			t.Errorf("NormalizeIDCard(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

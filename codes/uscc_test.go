package codes

import "testing"

func TestCheckUSCC(t *testing.T) {
	valid := []struct{ name, in string }{
		{"known sample", "91350100M000100Y43"},
		{"enterprise in Shenyang", withUSCCCheck("91210102MA0P5RKX4")},
		{"public institution, authority 1", withUSCCCheck("12210000MB0123456")},
		{"social organisation, authority 5", withUSCCCheck("51210100MJ0000001")},
		{"other authority Y", withUSCCCheck("Y1210300MC1234567")},
		{"authority W", withUSCCCheck("W1211400MD0000002")},
		{"check character 0", "91210100MA00000060"},
	}
	for _, tc := range valid {
		t.Run(tc.name, func(t *testing.T) {
			if err := CheckUSCC(tc.in); err != nil {
				t.Errorf("CheckUSCC(%q) = %v, want nil", tc.in, err)
			}
		})
	}

	invalid := []struct {
		name, in string
		kind     error
		want     string
	}{
		{"wrong check character", "91350100M000100Y44", ErrCheckChar, "uscc: check character is 4, expected 3"},
		{"transposed", "91351000M000100Y43", ErrCheckChar, "expected"},
		{"empty", "", ErrLength, "must be 18 characters, got 0"},
		{"17 characters", "91350100M000100Y4", ErrLength, "must be 18 characters, got 17"},
		{"19 characters", "91350100M000100Y431", ErrLength, "got 19"},
		{"lowercase", "91350100m000100Y43", ErrCharacter, "invalid character 'm' at position 9"},
		{"letter I", "91350100I000100Y43", ErrCharacter, "invalid character 'I' at position 9"},
		{"letter O", "91350100MO00100Y43", ErrCharacter, "'O' at position 10"},
		{"letter S", "91350100M000100S43", ErrCharacter, "'S' at position 16"},
		{"letter V", "9V350100M000100Y43", ErrCharacter, "'V' at position 2"},
		{"letter Z check", "91350100M000100Y4Z", ErrCharacter, "'Z' at position 18"},
		{"space", "91350100 000100Y43", ErrCharacter, "' ' at position 9"},
		{"full-width", "９1350100M000100Y43", ErrCharacter, "'９' at position 1"},
		{"authority 0", withUSCCCheck("01350100M000100Y4"), ErrCharacter, "registration authority code at position 1 must not be '0'"},
		{"letter in division code", withUSCCCheck("9121A100M000100Y4"), ErrCharacter, "administrative division code (positions 3-8) must be digits, got 'A' at position 5"},
		{"letter at position 8", withUSCCCheck("9121010AM000100Y4"), ErrCharacter, "got 'A' at position 8"},
	}
	for _, tc := range invalid {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckUSCC(tc.in)
			if err == nil {
				t.Fatalf("CheckUSCC(%q) = nil, want %v", tc.in, tc.kind)
			}
			assertKind(t, err, "uscc", tc.kind, tc.want)
		})
	}
}

func TestUSCCCheckChar(t *testing.T) {
	for _, first17 := range []string{
		"91350100M000100Y4", "91210102MA0P5RKX4", "12210000MB0123456",
		"Y1210300MC1234567", "91211400000000000", "9Y219999YYYYYYYYY",
	} {
		c, err := USCCCheckChar(first17)
		if err != nil {
			t.Fatalf("USCCCheckChar(%q) = %v", first17, err)
		}
		if want := withUSCCCheck(first17); first17+string(c) != want {
			t.Errorf("USCCCheckChar(%q) = %c, want %s", first17, c, want[17:])
		}
	}

	invalid := []struct {
		name, in string
		kind     error
		want     string
	}{
		{"16 characters", "91350100M000100Y", ErrLength, "need the first 17 characters, got 16"},
		{"full code", "91350100M000100Y43", ErrLength, "need the first 17 characters, got 18"},
		{"bad character", "91350100M0001O0Y4", ErrCharacter, "'O' at position 14"},
		{"authority 0", "01350100M000100Y4", ErrCharacter, "position 1 must not be '0'"},
		{"letter in division code", "913501A0M000100Y4", ErrCharacter, "got 'A' at position 7"},
	}
	for _, tc := range invalid {
		t.Run(tc.name, func(t *testing.T) {
			c, err := USCCCheckChar(tc.in)
			if err == nil {
				t.Fatalf("USCCCheckChar(%q) = %c, nil; want %v", tc.in, c, tc.kind)
			}
			assertKind(t, err, "uscc", tc.kind, tc.want)
		})
	}
}

package codes

import "strings"

// usccAlphabet is the character set of unified social credit codes; a
// character's index is its value in the check computation.
const usccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// usccWeights are the weights of the first 17 characters (3^i mod 31).
var usccWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// usccValue returns the value of r in usccAlphabet, or -1 if r is not in it.
func usccValue(r rune) int {
	if r > 0x7f {
		return -1
	}
	return strings.IndexByte(usccAlphabet, byte(r))
}

// usccCheckChar computes the check character of the first 17 characters of
// a unified social credit code; first17 must hold 17 alphabet characters.
func usccCheckChar(first17 string) byte {
	sum := 0
	for i, w := range usccWeights {
		sum += usccValue(rune(first17[i])) * w
	}
	return usccAlphabet[(31-sum%31)%31]
}

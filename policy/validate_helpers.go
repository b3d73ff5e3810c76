package policy

import (
	"math"
	"slices"
)

// hoursPerDay is the learning time a day has.
const hoursPerDay = 24

// positive reports whether v is a finite number above zero.
func positive(v float64) bool {
	return v > 0 && !math.IsInf(v, 1)
}

// nonNegative reports whether v is a finite number not below zero.
func nonNegative(v float64) bool {
	return v >= 0 && !math.IsInf(v, 1)
}

// isRegionCode reports whether code has the form of a GB/T 2260 code: six digits.
func isRegionCode(code string) bool {
	if len(code) != 6 {
		return false
	}
	for _, c := range code {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// subsetOnce reports whether every item is in allowed and no item repeats.
func subsetOnce(items, allowed []string) bool {
	seen := make(map[string]bool)
	for _, it := range items {
		if seen[it] || !slices.Contains(allowed, it) {
			return false
		}
		seen[it] = true
	}
	return true
}

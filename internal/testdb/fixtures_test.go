package testdb

import (
	"testing"

	"github.com/liaoning-finance/cpe/codes"
)

func TestFixturesAreValidAndDistinct(t *testing.T) {
	seen := map[string]bool{}
	for _, n := range []int{0, 1, 999, 1000, 123456, 999999} {
		id := IDNumber(n)
		if err := codes.CheckIDCard(id); err != nil || seen[id] {
			t.Errorf("IDNumber(%d) = %s: %v, seen before %v", n, id, err, seen[id])
		}
		seen[id] = true
	}
	for _, n := range []int{0, 1, 99999, 999999999} {
		u := USCC("210102", n)
		if err := codes.CheckUSCC(u); err != nil || seen[u] {
			t.Errorf("USCC(210102, %d) = %s: %v, seen before %v", n, u, err, seen[u])
		}
		seen[u] = true
	}
}

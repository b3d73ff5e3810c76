package store_test

import (
	"fmt"
	"testing"

	"github.com/liaoning-finance/cpe/internal/testdb"
	"github.com/liaoning-finance/cpe/store"
)

// newStore returns a migrated throwaway database, dropped when tb ends.
func newStore(tb testing.TB) *store.Store {
	tb.Helper()
	s, _ := testdb.New(tb)
	return s
}

// addPerson registers person n of region with the given obligation start.
func addPerson(tb testing.TB, s *store.Store, n int, region string, start int) store.Person {
	tb.Helper()
	return testdb.Person(tb, s, n, region, fmt.Sprintf("测试%d", n), start)
}

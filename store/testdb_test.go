package store_test

import (
	"context"
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

// idNumber returns the valid ID-card number of a person born 1990-01-01 in
// 210102 with sequence n (0 ≤ n < 1000).
func idNumber(n int) string {
	body := fmt.Sprintf("21010219900101%03d", n)
	weights := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(body[i]-'0') * w
	}
	return body + string("10X98765432"[sum%11])
}

// addPerson registers person n of region with the given obligation start.
func addPerson(tb testing.TB, s *store.Store, n int, region string, start int) store.Person {
	tb.Helper()
	p, err := store.CreatePerson(context.Background(), s.Pool, store.Person{IDNumber: idNumber(n),
		Name: fmt.Sprintf("测试%d", n), Region: region, TitleLevel: "junior", ObligationStartYear: start})
	if err != nil {
		tb.Fatalf("create person: %v", err)
	}
	return p
}

// onlineInstitution returns the id of the first seeded online institution.
func onlineInstitution(tb testing.TB, s *store.Store) int64 {
	tb.Helper()
	list, err := s.Institutions(context.Background(), "online")
	if err != nil || len(list) == 0 {
		tb.Fatalf("online institutions: %v (%d)", err, len(list))
	}
	return list[0].ID
}

package testdb

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/liaoning-finance/cpe/codes"
	"github.com/liaoning-finance/cpe/store"
)

// IDNumber returns the n-th of a series of distinct valid ID-card numbers
// of 沈阳和平区 (210102), for 0 ≤ n < 1,000,000: born 1990-01-01 plus n/1000
// days, with sequence n%1000, so that the first thousand are born on
// 1990-01-01. The check character is computed here, independently of
// package codes, so that tests of the code checks do not trust themselves.
func IDNumber(n int) string {
	born := time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n/1000)
	first17 := fmt.Sprintf("210102%s%03d", born.Format("20060102"), n%1000)
	weights := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(first17[i]-'0') * w
	}
	return first17 + string("10X98765432"[sum%11])
}

// USCC returns a valid unified social credit code of a company registered
// in region (a six-digit code), distinct for each n (0 ≤ n < 1,000,000,000).
func USCC(region string, n int) string {
	first17 := fmt.Sprintf("91%s%09d", region, n)
	c, err := codes.USCCCheckChar(first17)
	if err != nil {
		panic(fmt.Sprintf("testdb.USCC(%q, %d): %v", region, n, err))
	}
	return first17 + string(c)
}

// Person registers person n (ID-card number IDNumber(n)) of region in s,
// with the given name and obligation start year.
func Person(tb testing.TB, s *store.Store, n int, region, name string, start int) store.Person {
	tb.Helper()
	p, err := store.CreatePerson(context.Background(), s.Pool, store.Person{IDNumber: IDNumber(n), Name: name,
		Region: region, TitleLevel: "junior", ObligationStartYear: start})
	if err != nil {
		tb.Fatalf("create person: %v", err)
	}
	return p
}

// OnlineInstitution returns the id of the first online institution the
// migrations seed.
func OnlineInstitution(tb testing.TB, s *store.Store) int64 {
	tb.Helper()
	list, err := s.Institutions(context.Background(), "online")
	if err != nil || len(list) == 0 {
		tb.Fatalf("online institutions: %v (%d)", err, len(list))
	}
	return list[0].ID
}

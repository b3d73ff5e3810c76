package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/liaoning-finance/cpe/config"
	"github.com/liaoning-finance/cpe/internal/testdb"
)

// TestSeedDemoTwiceDuplicatesNothing runs the local seed twice: the second
// run adds no row and prints the same, still valid, tokens.
func TestSeedDemoTwiceDuplicatesNothing(t *testing.T) {
	s, _ := testdb.New(t)
	ctx := context.Background()
	const admin = "local-admin-token-0123456789"
	count := func() (n int) {
		if err := s.Pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM institutions) + (SELECT count(*) FROM persons)
			+ (SELECT count(*) FROM accounts)`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	first, err := seedDemo(ctx, s, admin)
	if err != nil {
		t.Fatal(err)
	}
	rows := count()
	second, err := seedDemo(ctx, s, admin)
	if err != nil {
		t.Fatal(err)
	}
	if count() != rows {
		t.Fatalf("the second seed changed the row count from %d to %d", rows, count())
	}
	// 6 institutions (5 online + 1 face-to-face), 1 person, 8 + 5 accounts.
	if rows != 6+1+13 || len(first) != 13 || len(second) != 13 {
		t.Fatalf("rows %d, accounts %d/%d; want 20 rows and 13 accounts", rows, len(first), len(second))
	}
	for i, a := range second {
		if a.token != first[i].token {
			t.Errorf("%s: token changed between runs", a.label)
		}
		acc, err := s.AccountByToken(ctx, a.token)
		if err != nil || acc.Role != a.role {
			t.Errorf("%s: token resolves to %+v (%v)", a.label, acc, err)
		}
	}
	var out bytes.Buffer
	printDemo(&out, config.Config{HTTPAddr: "127.0.0.1:8080", AdminToken: admin}, second)
	for _, want := range []string{admin, second[0].token, "http://localhost:8233", "http://127.0.0.1:8080/readyz"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("printout lacks %q", want)
		}
	}
}

// Package testdb gives tests a throwaway PostgreSQL database with every
// migration applied, dropped when the test ends.
package testdb

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/liaoning-finance/cpe/store"
)

// AdminURL is the maintenance database tests connect to for CREATE and DROP
// DATABASE; CPE_TEST_PG_URL overrides it.
func AdminURL() string {
	if u := os.Getenv("CPE_TEST_PG_URL"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
}

// New creates a database named cpe_test_<random>, applies the migrations and
// built-in data, and drops it (closing the pool first) when tb ends.
func New(tb testing.TB) (*store.Store, string) {
	tb.Helper()
	ctx := context.Background()
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "cpe_test_" + hex.EncodeToString(b)
	admin, err := pgx.Connect(ctx, AdminURL())
	if err != nil {
		tb.Fatalf("connect to PostgreSQL (%s): %v", AdminURL(), err)
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		tb.Fatalf("create database: %v", err)
	}
	url := fmt.Sprintf("postgres://postgres@127.0.0.1:5432/%s?sslmode=disable", name)
	if u, err := pgx.ParseConfig(AdminURL()); err == nil {
		url = fmt.Sprintf("postgres://%s@%s:%d/%s?sslmode=disable", u.User, u.Host, u.Port, name)
	}
	s, err := store.Open(ctx, url, false)
	if err != nil {
		tb.Fatalf("open test database: %v", err)
	}
	tb.Cleanup(func() {
		s.Close()
		c, err := pgx.Connect(context.Background(), AdminURL())
		if err != nil {
			tb.Errorf("drop test database: %v", err)
			return
		}
		defer c.Close(context.Background())
		if _, err := c.Exec(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			tb.Errorf("drop test database: %v", err)
		}
	})
	if err := s.Migrate(ctx, slog.New(slog.DiscardHandler)); err != nil {
		tb.Fatalf("migrate: %v", err)
	}
	if err := s.SeedBuiltins(ctx); err != nil {
		tb.Fatalf("seed built-in data: %v", err)
	}
	return s, url
}

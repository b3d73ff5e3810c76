package api

import (
	"context"
	"net/http"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/liaoning-finance/cpe/internal/testdb"
	"github.com/liaoning-finance/cpe/store"
)

// dbServer is testServer on a throwaway database; Temporal is nil.
func dbServer(t testing.TB) *Server {
	t.Helper()
	s := testServer()
	s.Store, _ = testdb.New(t)
	return s
}

// dbFixture is a server on a throwaway database that serves some routes
// behind their authentication only.
type dbFixture struct {
	st  *store.Store
	srv *Server
	h   http.Handler
}

// newDBFixture serves the routes that routes returns for the server.
func newDBFixture(t testing.TB, routes func(*Server) []Route) dbFixture {
	t.Helper()
	srv := dbServer(t)
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	for _, r := range routes(srv) {
		e.Handle(r.Method, r.Path, srv.authenticate(r.Roles), r.Handle)
	}
	return dbFixture{st: srv.Store, srv: srv, h: e}
}

// account creates an account and returns its token.
func (f dbFixture) account(t testing.TB, a store.Account) string {
	t.Helper()
	token := store.NewToken()
	if _, err := store.CreateAccount(context.Background(), f.st.Pool, a, token); err != nil {
		t.Fatalf("create account: %v", err)
	}
	return token
}

package api

import (
	"crypto/subtle"
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/liaoning-finance/cpe/store"
)

// Role is what an account may do.
type Role string

// The roles of DESIGN.md §1.
const (
	RoleInstitution       Role = "institution"
	RoleOnlineInstitution Role = "online_institution"
	RoleAccountant        Role = "accountant"
	RoleReviewer          Role = "reviewer"
	RoleSupervisor        Role = "supervisor"
	RoleAdmin             Role = "admin"
)

// Principal is the authenticated caller: its role and scope.
type Principal struct {
	// AccountID is 0 for the bootstrap admin token.
	AccountID int64
	Role      Role
	// InstitutionID is set for institution and online_institution accounts.
	InstitutionID int64
	// PersonID is set for accountant accounts.
	PersonID int64
	// Region is set for reviewer and supervisor accounts (their level
	// follows from the code: county, city or 210000).
	Region string
}

// AccountRef is the account id to record in the audit log (nil for the
// bootstrap admin).
func (p Principal) AccountRef() *int64 {
	if p.AccountID == 0 {
		return nil
	}
	id := p.AccountID
	return &id
}

const principalKey = "cpe.principal"

// principal returns the caller of an authenticated route.
func principal(c *gin.Context) Principal {
	p, _ := c.Get(principalKey)
	pr, _ := p.(Principal)
	return pr
}

// authenticate resolves the bearer token and refuses roles not in allowed.
func (s *Server) authenticate(allowed []Role) gin.HandlerFunc {
	return func(c *gin.Context) {
		h := c.GetHeader("Authorization")
		token, ok := strings.CutPrefix(h, "Bearer ")
		token = strings.TrimSpace(token)
		if !ok || token == "" {
			c.Header("WWW-Authenticate", `Bearer realm="cpe"`)
			fail(c, http.StatusUnauthorized, "unauthorized", "missing bearer token: send Authorization: Bearer <token>")
			return
		}
		p, err := s.resolve(c, token)
		if errors.Is(err, store.ErrNotFound) {
			c.Header("WWW-Authenticate", `Bearer realm="cpe", error="invalid_token"`)
			fail(c, http.StatusUnauthorized, "unauthorized", "unknown or disabled token")
			return
		}
		if err != nil {
			failInternal(c, err)
			return
		}
		if !slices.Contains(allowed, p.Role) {
			fail(c, http.StatusForbidden, "forbidden", "role "+string(p.Role)+" may not call this endpoint")
			return
		}
		c.Set(principalKey, p)
		c.Next()
	}
}

func (s *Server) resolve(c *gin.Context, token string) (Principal, error) {
	if s.AdminToken != "" && subtle.ConstantTimeCompare([]byte(token), []byte(s.AdminToken)) == 1 {
		return Principal{Role: RoleAdmin}, nil
	}
	a, err := s.Store.AccountByToken(c, token)
	if err != nil {
		return Principal{}, err
	}
	p := Principal{AccountID: a.ID, Role: Role(a.Role)}
	if a.InstitutionID != nil {
		p.InstitutionID = *a.InstitutionID
	}
	if a.PersonID != nil {
		p.PersonID = *a.PersonID
	}
	if a.Region != nil {
		p.Region = *a.Region
	}
	return p, nil
}

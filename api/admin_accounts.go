package api

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5"

	"github.com/liaoning-finance/cpe/codes"
	"github.com/liaoning-finance/cpe/store"
)

// AccountRequest is the body of POST /v1/admin/accounts.
type AccountRequest struct {
	Role          Role    `json:"role"`
	InstitutionID *int64  `json:"institution_id"`
	PersonID      *int64  `json:"person_id"`
	Region        *string `json:"region"`
	// Label is a free note for admins (who holds the token).
	Label string `json:"label"`
}

// AccountResponse is the answer to POST /v1/admin/accounts: the token is
// shown this once.
type AccountResponse struct {
	store.Account
	Token string `json:"token"`
	// Level is a reviewer's or supervisor's level from its region code.
	Level string `json:"level,omitempty"`
}

func (s *Server) createAccount(c *gin.Context) {
	var req AccountRequest
	if !bindJSON(c, &req) {
		return
	}
	a, level, ok := s.checkAccount(c, req)
	if !ok {
		return
	}
	token := store.NewToken()
	var out store.Account
	ok = s.audited(c, "account.create", "account", "", func(tx pgx.Tx) (string, any, error) {
		var err error
		out, err = store.CreateAccount(c, tx, a, token)
		return strconv.FormatInt(out.ID, 10), out, err
	})
	if ok {
		c.JSON(http.StatusCreated, AccountResponse{Account: out, Token: token, Level: level})
	}
}

// checkAccount validates an account request against its role; it answers
// the error itself and reports whether the handler may go on.
func (s *Server) checkAccount(c *gin.Context, req AccountRequest) (store.Account, string, bool) {
	a := store.Account{Role: string(req.Role), Label: req.Label}
	needInstitution := req.Role == RoleInstitution || req.Role == RoleOnlineInstitution
	needPerson := req.Role == RoleAccountant
	needRegion := req.Role == RoleReviewer || req.Role == RoleSupervisor
	switch req.Role {
	case RoleInstitution, RoleOnlineInstitution, RoleAccountant, RoleReviewer, RoleSupervisor, RoleAdmin:
	default:
		failField(c, "role", "want institution, online_institution, accountant, reviewer, supervisor or admin")
		return a, "", false
	}
	switch {
	case needInstitution != (req.InstitutionID != nil):
		failField(c, "institution_id", "required for institution and online_institution accounts, and only for them")
		return a, "", false
	case needPerson != (req.PersonID != nil):
		failField(c, "person_id", "required for accountant accounts, and only for them")
		return a, "", false
	case needRegion != (req.Region != nil):
		failField(c, "region", "required for reviewer and supervisor accounts, and only for them")
		return a, "", false
	}
	if needInstitution {
		in, err := s.Store.Institution(c, *req.InstitutionID)
		if errors.Is(err, store.ErrNotFound) {
			failField(c, "institution_id", "no such institution")
			return a, "", false
		}
		if err != nil {
			failInternal(c, err)
			return a, "", false
		}
		if want := map[Role]string{RoleInstitution: "face_to_face", RoleOnlineInstitution: "online"}[req.Role]; in.Kind != want {
			failRule(c, "institution_kind", "a "+string(req.Role)+" account needs an institution of kind "+want+", this one is "+in.Kind)
			return a, "", false
		}
		a.InstitutionID = req.InstitutionID
	}
	if needPerson {
		if _, err := s.Store.Person(c, *req.PersonID); errors.Is(err, store.ErrNotFound) {
			failField(c, "person_id", "no such person")
			return a, "", false
		} else if err != nil {
			failInternal(c, err)
			return a, "", false
		}
		a.PersonID = req.PersonID
	}
	var level string
	if needRegion {
		r, ok := checkRegion(c, "region", *req.Region)
		if !ok {
			return a, "", false
		}
		if req.Role == RoleSupervisor && r.Level == codes.County {
			failField(c, "region", "a supervisor belongs to a city or the province (210000), not a county")
			return a, "", false
		}
		a.Region, level = req.Region, r.Level.String()
	}
	return a, level, true
}

package api

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5"

	"github.com/liaoning-finance/cpe/store"
)

// auditTx appends the caller's audit line for an admin change inside tx.
func (s *Server) auditTx(c *gin.Context, tx store.Querier, action, kind, id string, details any) error {
	p := principal(c)
	return store.Audit(c, tx, store.AuditEntry{AccountID: p.AccountRef(), Role: string(p.Role), Action: action,
		SubjectKind: kind, SubjectID: id, Details: details})
}

// audited runs write and the caller's audit line of action on the item of
// kind it wrote, with its id and details, in one transaction. It answers
// 409 with conflict when that is set and write reports store.ErrDuplicate,
// and 500 for other errors; it reports whether all went well.
func (s *Server) audited(c *gin.Context, action, kind, conflict string,
	write func(tx pgx.Tx) (id string, details any, err error)) bool {
	err := s.Store.InTx(c, func(tx pgx.Tx) error {
		id, details, err := write(tx)
		if err != nil {
			return err
		}
		return s.auditTx(c, tx, action, kind, id, details)
	})
	switch {
	case err == nil:
		return true
	case conflict != "" && errors.Is(err, store.ErrDuplicate):
		fail(c, http.StatusConflict, "conflict", conflict)
	default:
		failInternal(c, err)
	}
	return false
}

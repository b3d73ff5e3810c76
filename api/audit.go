package api

import (
	"github.com/gin-gonic/gin"

	"github.com/liaoning-finance/cpe/store"
)

// auditTx appends the caller's audit line for an admin change inside tx.
func (s *Server) auditTx(c *gin.Context, tx store.Querier, action, kind, id string, details any) error {
	p := principal(c)
	return store.Audit(c, tx, store.AuditEntry{AccountID: p.AccountRef(), Role: string(p.Role), Action: action,
		SubjectKind: kind, SubjectID: id, Details: details})
}

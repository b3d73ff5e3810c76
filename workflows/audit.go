package workflows

import (
	"strconv"

	"github.com/liaoning-finance/cpe/store"
)

// auditEntry builds the audit line of an action by actor on a filing.
func auditEntry(actor store.Actor, action string, filingID int64, details map[string]any) store.AuditEntry {
	var account *int64
	if actor.AccountID != 0 {
		id := actor.AccountID
		account = &id
	}
	return store.AuditEntry{AccountID: account, Role: actor.Role, Action: action, SubjectKind: kindFiling,
		SubjectID: strconv.FormatInt(filingID, 10), Details: details}
}

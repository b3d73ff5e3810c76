package workflows

import (
	"strconv"

	"github.com/liaoning-finance/cpe/store"
)

// audit builds the audit line of an action by actor on the subject.
func (s *subject) audit(actor store.Actor, action string, details map[string]any) store.AuditEntry {
	var account *int64
	if actor.AccountID != 0 {
		id := actor.AccountID
		account = &id
	}
	return store.AuditEntry{AccountID: account, Role: actor.Role, Action: action, SubjectKind: s.kind,
		SubjectID: strconv.FormatInt(s.id, 10), Details: details}
}

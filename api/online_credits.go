package api

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5"

	"github.com/liaoning-finance/cpe/calendar"
	"github.com/liaoning-finance/cpe/codes"
	"github.com/liaoning-finance/cpe/policy"
	"github.com/liaoning-finance/cpe/store"
)

// onlineBatchTimeout bounds the work of one batch of up to 50,000 rows.
const onlineBatchTimeout = 2 * time.Minute

// OnlineBatchResponse is the answer to POST /v1/online-credits.
type OnlineBatchResponse struct {
	// Accepted lists the record ids that are in the ledger, in batch order:
	// those posted now and those posted by an earlier sending of the same
	// record, so that resending a batch answers as the first time did.
	Accepted []string `json:"accepted"`
	// Refused lists the records not posted, with the reason.
	Refused []Refusal `json:"refused"`
	// NewEntries counts the ledger entries this request added (0 for a
	// resent batch).
	NewEntries int `json:"new_entries"`
}

// onlineRoutes are the online institutions' feed.
func (s *Server) onlineRoutes() []Route {
	return []Route{{Method: http.MethodPost, Path: "/v1/online-credits", Roles: []Role{RoleOnlineInstitution},
		Scope: "the institution of the token: its own records only", Handle: s.postOnlineCredits}}
}

// postOnlineCredits answers POST /v1/online-credits: every record is
// checked and the good ones posted to the ledger, idempotently by
// institution and record id. No Idempotency-Key is needed: resending a
// batch changes nothing.
func (s *Server) postOnlineCredits(c *gin.Context) {
	ctx, cancel := contextWithTimeout(c, onlineBatchTimeout)
	defer cancel()
	inst, err := s.Store.Institution(ctx, principal(c).InstitutionID)
	if err != nil {
		failInternal(c, fmt.Errorf("institution of the token: %w", err))
		return
	}
	if inst.Kind != "online" {
		fail(c, http.StatusForbidden, "forbidden", "the institution of this token is not an online institution")
		return
	}
	limitBody(c, maxOnlineBody)
	records, err := decodeOnlineBatch(c.Request.Body)
	var bad *badBatchError
	switch {
	case isTooLarge(err):
		fail(c, http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("request body over %d MiB: split the batch", maxOnlineBody>>20))
		return
	case errors.Is(err, errTooManyRows):
		fail(c, http.StatusRequestEntityTooLarge, "too_large", err.Error())
		return
	case errors.As(err, &bad) && bad.field != "":
		failField(c, bad.field, bad.msg)
		return
	case err != nil:
		fail(c, http.StatusBadRequest, "invalid_input", err.Error())
		return
	}
	checker := &onlineChecker{institution: inst, policy: s.policyCache(ctx), today: calendar.DateOf(time.Now())}
	credits, refused, err := s.checkOnlineBatch(ctx, checker, records)
	if err != nil {
		failInternal(c, err)
		return
	}
	var posting store.OnlinePosting
	err = s.Store.InTx(ctx, func(tx pgx.Tx) error {
		if posting, err = store.PostOnlineCredits(ctx, tx, inst.ID, credits); err != nil {
			return err
		}
		return s.auditTx(c, tx, "online_credits.post", "institution", strconv.FormatInt(inst.ID, 10), map[string]any{
			"records": len(records), "accepted": len(credits) - len(posting.Conflicts),
			"refused": len(refused) + len(posting.Conflicts), "new_entries": posting.Inserted,
			"conflicts": len(posting.Conflicts), "integrity_flags": len(posting.Flags)})
	})
	if err != nil {
		failInternal(c, err)
		return
	}
	c.JSON(http.StatusOK, onlineResponse(records, credits, refused, posting))
}

// checkOnlineBatch checks every record, resolves the persons in one lookup
// and returns the credits to post and the refusals, in batch order.
func (s *Server) checkOnlineBatch(ctx context.Context, oc *onlineChecker, records []decodedRecord) ([]store.OnlineCredit, []Refusal, error) {
	counts := make(map[string]int, len(records))
	for _, r := range records {
		counts[r.RecordID]++
	}
	type checked struct {
		credit   store.OnlineCredit
		idNumber string
		refusal  *Refusal
	}
	all := make([]checked, len(records))
	numbers := make([]string, 0, len(records))
	for i, r := range records {
		rec := r.OnlineRecord
		rec.IDNumber = codes.NormalizeIDCard(rec.IDNumber)
		var ch checked
		switch {
		case r.decodeErr != "":
			ch.refusal = &Refusal{RecordID: rec.RecordID, Rule: ruleRecordField, Reason: r.decodeErr}
		case checkRecordID(rec.RecordID) != "":
			ch.refusal = &Refusal{RecordID: rec.RecordID, Rule: ruleRecordID, Reason: checkRecordID(rec.RecordID)}
		case counts[rec.RecordID] > 1:
			ch.refusal = &Refusal{RecordID: rec.RecordID, Rule: ruleDuplicateRecordID,
				Reason: fmt.Sprintf("record_id %q appears %d times in the batch; send each record once", rec.RecordID, counts[rec.RecordID])}
		default:
			var err error
			if ch.credit, ch.refusal, err = oc.check(rec); err != nil {
				return nil, nil, err
			}
			if ch.refusal == nil {
				ch.idNumber = rec.IDNumber
				numbers = append(numbers, rec.IDNumber)
			}
		}
		if ch.refusal != nil {
			ch.refusal.Row = i + 1
		}
		all[i] = ch
	}
	persons, err := s.Store.PersonIDsByNumber(ctx, numbers)
	if err != nil {
		return nil, nil, fmt.Errorf("look up persons: %w", err)
	}
	credits := make([]store.OnlineCredit, 0, len(numbers))
	refused := []Refusal{}
	for i, ch := range all {
		if ch.refusal == nil {
			id, ok := persons[ch.idNumber]
			if !ok {
				ch.refusal = &Refusal{RecordID: ch.credit.RecordID, Row: i + 1, Rule: ruleNotRegistered,
					Reason: fmt.Sprintf("no registered person with ID-card number %s: the person completes 信息采集 on the national platform first", codes.MaskIDCard(ch.idNumber))}
			}
			ch.credit.PersonID = id
		}
		if ch.refusal != nil {
			refused = append(refused, *ch.refusal)
			continue
		}
		credits = append(credits, ch.credit)
	}
	return credits, refused, nil
}

// onlineResponse lists the accepted record ids in batch order and adds
// the records that conflict with an earlier posting to the refusals, which
// it sorts by row.
func onlineResponse(records []decodedRecord, credits []store.OnlineCredit, refused []Refusal, posting store.OnlinePosting) OnlineBatchResponse {
	conflict := make(map[string]bool, len(posting.Conflicts))
	for _, id := range posting.Conflicts {
		conflict[id] = true
	}
	rows := make(map[string]int, len(records))
	for i, r := range records {
		rows[r.RecordID] = i + 1
	}
	out := OnlineBatchResponse{Accepted: make([]string, 0, len(credits)), Refused: refused, NewEntries: posting.Inserted}
	for _, cr := range credits {
		if conflict[cr.RecordID] {
			out.Refused = append(out.Refused, Refusal{RecordID: cr.RecordID, Row: rows[cr.RecordID], Rule: ruleRecordConflict,
				Reason: "this record_id was posted before with other content (person, year, category, credits or date); the first posting stands: corrections go through the finance department"})
			continue
		}
		out.Accepted = append(out.Accepted, cr.RecordID)
	}
	slices.SortFunc(out.Refused, func(a, b Refusal) int { return cmp.Compare(a.Row, b.Row) })
	return out
}

// policyCache returns a loader of yearly policies that reads each year once.
func (s *Server) policyCache(ctx context.Context) func(int) (*policy.Policy, error) {
	cache := map[int]*policy.Policy{}
	return func(year int) (*policy.Policy, error) {
		if p, ok := cache[year]; ok {
			return p, nil
		}
		p, err := s.Store.Policy(ctx, year)
		if errors.Is(err, store.ErrNotFound) {
			cache[year] = nil
			return nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("load policy %d: %w", year, err)
		}
		cache[year] = &p
		return &p, nil
	}
}

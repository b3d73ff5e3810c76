package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/liaoning-finance/cpe/calendar"
	"github.com/liaoning-finance/cpe/internal/testdb"
	"github.com/liaoning-finance/cpe/store"
)

// claimPerson registers the applicant of the claim tests.
func claimPerson(t *testing.T, s *store.Store, n int) store.Person {
	t.Helper()
	p, err := store.CreatePerson(context.Background(), s.Pool, store.Person{IDNumber: testdb.IDNumber(n), Name: "申请人",
		Region: "210102", TitleLevel: "junior", ObligationStartYear: 2020})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// submitClaim reserves an id and creates a make-up claim of 2023 for p.
func submitClaim(t *testing.T, s *store.Store, p store.Person) store.Claim {
	t.Helper()
	ctx := context.Background()
	id, err := s.ReserveClaimID(ctx, p.ID, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	done := calendar.Date{Year: 2025, Month: 5, Day: 6}
	c := store.Claim{ID: id, PersonID: p.ID, Region: p.Region, City: "210100", Kind: store.ClaimMakeup, Year: 2023,
		PolicyYear: 2025, ClaimDetails: store.ClaimDetails{Channel: "face_to_face", CompletedOn: &done},
		Claimed: store.ClaimCredits{Professional: 60, Public: 30}}
	applicant := store.Actor{AccountID: 3, Role: "accountant"}
	for range 2 {
		if _, err := s.CreateClaim(ctx, c, applicant); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

func TestClaimLifecycleInStore(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	p := claimPerson(t, s, 11)
	c := submitClaim(t, s, p)
	got, err := s.GetClaim(ctx, c.ID)
	if err != nil || got.Stage != store.ClaimStageReview || got.CompletedOn.String() != "2025-05-06" ||
		got.Claimed != c.Claimed || got.Approved != nil || got.WorkflowID != store.ClaimWorkflowID(c.ID) || len(got.Decisions) != 0 {
		t.Fatalf("created claim %+v (%v)", got, err)
	}
	year, err := s.CreditYear(ctx, p.ID, 2023)
	if err != nil || len(year.Pending) != 2 || year.Pending[0].Source != "claim" || year.Pending[0].SubjectID != c.ID {
		t.Fatalf("pending of 2023: %+v (%v)", year.Pending, err)
	}
	// The review opens (seq 1), then an approval of fewer public credits (seq 2).
	due := time.Date(2025, 6, 9, 23, 59, 59, 0, calendar.Shanghai)
	c.Seq, c.Stage, c.AssignedRegion, c.ReviewDueAt = 1, store.ClaimStageReview, "210102", &due
	item := store.ReviewItem{SubjectKind: "claim", SubjectID: c.ID, Step: "claim", Title: "学分申请 · makeup · 2023",
		Region: "210102", AssignedRegion: "210102", DueAt: &due, Open: true}
	if applied, err := s.ApplyClaimChange(ctx, store.ClaimChange{Claim: c, Review: &item}); err != nil || !applied {
		t.Fatalf("open review: %v %v", applied, err)
	}
	inbox, total, err := s.Inbox(ctx, store.InboxFilter{Scope: store.RegionScope{Exact: "210102"}, Page: 1, PageSize: 10})
	if err != nil || total != 1 || inbox[0].SubjectKind != "claim" || inbox[0].SubjectID != c.ID {
		t.Fatalf("inbox: %+v %d (%v)", inbox, total, err)
	}
	granted := store.ClaimCredits{Professional: 60, Public: 24}
	reviewer := store.Actor{AccountID: 7, Role: "reviewer", Region: "210102"}
	c.Seq, c.Stage, c.Approved, c.AssignedRegion, c.ReviewDueAt = 2, store.ClaimStageApproved, &granted, "", nil
	item.Open = false
	decision := store.ClaimDecision{Decision: "approve", Reason: "部分学时无证明", Approved: &granted, Actor: reviewer,
		AssignedRegion: "210102", Round: 1, RequestID: "decide:7:k1", DecidedAt: time.Now()}
	change := store.ClaimChange{Claim: c, Review: &item, Decision: &decision, PostCredits: true}
	for i := range 2 {
		applied, err := s.ApplyClaimChange(ctx, change)
		if err != nil || applied != (i == 0) {
			t.Fatalf("approval %d: applied %v, %v", i, applied, err)
		}
	}
	stale := c
	stale.Seq, stale.Stage = 1, store.ClaimStageReview
	if applied, err := s.ApplyClaimChange(ctx, store.ClaimChange{Claim: stale}); err != nil || applied {
		t.Fatalf("a stale state applied: %v %v", applied, err)
	}
	got, err = s.GetClaim(ctx, c.ID)
	if err != nil || got.Stage != store.ClaimStageApproved || got.Approved == nil || *got.Approved != granted ||
		len(got.Decisions) != 1 || got.Decisions[0].Approved == nil || got.Decisions[0].Actor != reviewer {
		t.Fatalf("approved claim %+v (%v)", got, err)
	}
	if _, err := s.ClaimDecisionByRequest(ctx, c.ID, "decide:7:k1"); err != nil {
		t.Errorf("decision by request: %v", err)
	}
	if _, err := s.ClaimDecisionByRequest(ctx, c.ID, "other"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown request: %v", err)
	}
	year, err = s.CreditYear(ctx, p.ID, 2023)
	if err != nil || len(year.Pending) != 0 || len(year.Entries) != 2 {
		t.Fatalf("2023 after approval: %+v (%v)", year, err)
	}
	for _, e := range year.Entries {
		want := map[string]float64{"professional": 60, "public": 24}[e.Category]
		if e.Source != "claim" || e.Credits != want || e.Reference != store.ClaimCreditRef(c.ID, e.Category) ||
			e.Hours != nil || e.Date == nil || e.Date.String() != "2025-05-06" {
			t.Errorf("ledger entry %+v", e)
		}
	}
	var audits int
	if err := s.Pool.QueryRow(ctx, `SELECT count(*) FROM audit_log WHERE subject_kind = 'claim' AND subject_id = $1::text
		AND action IN ('claim.submit', 'claim.decide')`, fmt.Sprint(c.ID)).Scan(&audits); err != nil || audits != 2 {
		t.Errorf("audit lines %d (%v), want submit and decide once each", audits, err)
	}
}

func TestFaceToFaceClaimIsLearningTime(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	p := claimPerson(t, s, 12)
	id, err := s.ReserveClaimID(ctx, p.ID, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	start, end := calendar.Date{Year: 2025, Month: 5, Day: 12}, calendar.Date{Year: 2025, Month: 5, Day: 13}
	c := store.Claim{ID: id, PersonID: p.ID, Region: p.Region, City: "210100", Kind: store.ClaimFaceToFace, Year: 2025,
		PolicyYear: 2025, ClaimDetails: store.ClaimDetails{Organiser: "中国会计学会", StartDate: &start, EndDate: &end,
			Hours: 16, Category: "public"}, Claimed: store.ClaimCredits{Public: 16}}
	if _, err := s.CreateClaim(ctx, c, store.Actor{AccountID: 3, Role: "accountant"}); err != nil {
		t.Fatal(err)
	}
	c.Seq, c.Stage, c.Approved = 1, store.ClaimStageApproved, &c.Claimed
	if _, err := s.ApplyClaimChange(ctx, store.ClaimChange{Claim: c, PostCredits: true}); err != nil {
		t.Fatal(err)
	}
	year, err := s.CreditYear(ctx, p.ID, 2025)
	if err != nil || len(year.Entries) != 1 {
		t.Fatalf("2025: %+v (%v)", year, err)
	}
	e := year.Entries[0]
	if e.Category != "public" || e.Credits != 16 || e.Hours == nil || *e.Hours != 16 || e.From == nil ||
		e.From.String() != "2025-05-12" || e.Date.String() != "2025-05-13" {
		t.Errorf("entry %+v", e)
	}
}

func TestReserveClaimIDIdempotent(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	p := claimPerson(t, s, 13)
	a, err := s.ReserveClaimID(ctx, p.ID, "k", []byte("one"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.ReserveClaimID(ctx, p.ID, "k", []byte("one"))
	if err != nil || a != b {
		t.Errorf("same key: %d then %d (%v)", a, b, err)
	}
	if _, err := s.ReserveClaimID(ctx, p.ID, "k", []byte("two")); !errors.Is(err, store.ErrKeyReused) {
		t.Errorf("key reused with another body: %v", err)
	}
	if c, err := s.ReserveClaimID(ctx, p.ID, "", nil); err != nil || c == a {
		t.Errorf("no key: %d (%v)", c, err)
	}
}

func TestProofLimitsAndDedup(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	p := claimPerson(t, s, 14)
	c := submitClaim(t, s, p)
	applicant := store.Actor{AccountID: 3, Role: "accountant"}
	first, created, err := s.AddProof(ctx, c.ID, "a.pdf", "application/pdf", []byte("%PDF-0"), applicant)
	if err != nil || !created {
		t.Fatalf("first proof: %v %v", created, err)
	}
	again, created, err := s.AddProof(ctx, c.ID, "b.pdf", "application/pdf", []byte("%PDF-0"), applicant)
	if err != nil || created || again.ID != first.ID || again.Filename != "a.pdf" {
		t.Fatalf("same content: %+v %v %v", again, created, err)
	}
	for i := 1; i < store.MaxProofsPerClaim; i++ {
		if _, _, err := s.AddProof(ctx, c.ID, "", "image/png", []byte{byte(i)}, applicant); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := s.AddProof(ctx, c.ID, "", "image/png", []byte("one too many"), applicant); !errors.Is(err, store.ErrTooManyProofs) {
		t.Errorf("proof over the limit: %v", err)
	}
	if _, _, err := s.AddProof(ctx, 999999, "", "image/png", []byte("x"), applicant); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("proof of no claim: %v", err)
	}
	proof, content, err := s.ProofContent(ctx, c.ID, first.ID)
	if err != nil || string(content) != "%PDF-0" || proof.SHA256 != first.SHA256 {
		t.Errorf("content: %+v %q %v", proof, content, err)
	}
	if _, _, err := s.ProofContent(ctx, c.ID+1, first.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("proof of another claim: %v", err)
	}
	list, err := s.Proofs(ctx, c.ID)
	if err != nil || len(list) != store.MaxProofsPerClaim {
		t.Errorf("list: %d (%v)", len(list), err)
	}
	if _, err := s.Pool.Exec(ctx, `UPDATE claims SET stage = 'withdrawn' WHERE id = $1`, c.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.AddProof(ctx, c.ID, "", "image/png", []byte("late"), applicant); !errors.Is(err, store.ErrClaimClosed) {
		t.Errorf("proof of a withdrawn claim: %v", err)
	}
}

func TestListClaimsFilters(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	p, q := claimPerson(t, s, 15), claimPerson(t, s, 16)
	submitClaim(t, s, p)
	submitClaim(t, s, q)
	city := store.RegionScope{Prefix: "2101"}
	other := store.RegionScope{Prefix: "2103"}
	for _, tc := range []struct {
		name string
		flt  store.ClaimFilter
		want int
	}{
		{"one person", store.ClaimFilter{PersonID: p.ID}, 1},
		{"the city", store.ClaimFilter{Scope: &city, Kind: store.ClaimMakeup, Year: 2023}, 2},
		{"another city", store.ClaimFilter{Scope: &other}, 0},
		{"approved", store.ClaimFilter{Stage: store.ClaimStageApproved}, 0},
	} {
		tc.flt.Page, tc.flt.PageSize = 1, 10
		items, total, err := s.ListClaims(ctx, tc.flt)
		if err != nil || total != tc.want || len(items) != tc.want {
			t.Errorf("%s: %d items, total %d (%v), want %d", tc.name, len(items), total, err, tc.want)
		}
	}
}

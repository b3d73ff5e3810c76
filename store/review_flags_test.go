package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/liaoning-finance/cpe/calendar"
	"github.com/liaoning-finance/cpe/internal/testdb"
	"github.com/liaoning-finance/cpe/store"
)

// itemFlags returns the flags of a review item.
func itemFlags(tb testing.TB, s *store.Store, kind string, id int64) []store.Flag {
	tb.Helper()
	var flags []store.Flag
	if err := s.Pool.QueryRow(context.Background(), `SELECT flags FROM review_items WHERE subject_kind = $1 AND subject_id = $2`,
		kind, id).Scan(&flags); err != nil {
		tb.Fatal(err)
	}
	return flags
}

// flagKinds lists the kind of each flag, with the other filing of an
// overlap.
func flagKinds(flags []store.Flag) []string {
	out := make([]string, len(flags))
	for i, f := range flags {
		out[i] = f.Kind
		if len(f.Filings) > 1 {
			out[i] += fmt.Sprintf(":%d", f.Filings[1])
		}
	}
	return out
}

// Writing a review item with flags replaces the flags of their kinds only:
// daily-hours flags added before stay, and no flag is stored twice.
func TestUpsertReviewItemMergesFlags(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	id := addFiling(t, s, "2025-06-01", "2025-06-01", 8)
	daily := store.Flag{Kind: store.FlagDailyHours, PersonID: 1, Message: "more than 24 hours on 2025-06-01"}
	if err := store.AddReviewFlags(ctx, s.Pool, "filing", id, "records", []store.Flag{daily, daily}); err != nil {
		t.Fatal(err)
	}
	overlap := func(other int64) store.Flag {
		return store.Flag{Kind: store.FlagOverlap, PersonID: 1, Filings: []int64{id, other}, Message: "overlap"}
	}
	item := store.ReviewItem{SubjectKind: "filing", SubjectID: id, Step: "records", Title: "培训", Region: "210102",
		AssignedRegion: "210102", Open: true}
	for _, tc := range []struct {
		flags []store.Flag
		want  []string
	}{
		{[]store.Flag{overlap(1), overlap(1)}, []string{"daily_hours", "overlap:1"}},
		{[]store.Flag{overlap(2)}, []string{"daily_hours", "overlap:2"}},
		{nil, []string{"daily_hours", "overlap:2"}},
		{[]store.Flag{daily}, []string{"overlap:2", "daily_hours"}},
	} {
		item.Flags = tc.flags
		if err := store.UpsertReviewItem(ctx, s.Pool, item); err != nil {
			t.Fatal(err)
		}
		if got := flagKinds(itemFlags(t, s, "filing", id)); !slices.Equal(got, tc.want) {
			t.Errorf("after writing %d flags: %q, want %q", len(tc.flags), got, tc.want)
		}
	}
}

// A face-to-face claim's review shows the days approving it would exceed,
// and so do later postings; its approval checks the person's days.
func TestClaimReviewAndApprovalCheckDailyHours(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	inst := testdb.OnlineInstitution(t, s)
	p := claimPerson(t, s, 24)
	post(t, s, inst, []store.OnlineCredit{online(t, "A", p.ID, "2025-05-12", 20)})
	openClaim := func(from, to calendar.Date, hours float64) store.Claim {
		t.Helper()
		id, err := s.ReserveClaimID(ctx, p.ID, "", nil)
		if err != nil {
			t.Fatal(err)
		}
		c := store.Claim{ID: id, PersonID: p.ID, Region: p.Region, City: "210100", Kind: store.ClaimFaceToFace, Year: 2025,
			PolicyYear: 2025, ClaimDetails: store.ClaimDetails{Organiser: "中国会计学会", StartDate: &from, EndDate: &to,
				Hours: hours, Category: "professional"}, Claimed: store.ClaimCredits{Professional: hours}}
		if _, err := s.CreateClaim(ctx, c, store.Actor{AccountID: 3, Role: "accountant"}); err != nil {
			t.Fatal(err)
		}
		c.Seq, c.Stage, c.AssignedRegion = 1, store.ClaimStageReview, "210102"
		item := store.ReviewItem{SubjectKind: "claim", SubjectID: id, Step: "claim", Title: "学分申请", Region: "210102",
			AssignedRegion: "210102", Open: true}
		if _, err := s.ApplyClaimChange(ctx, store.ClaimChange{Claim: c, Review: &item}); err != nil {
			t.Fatal(err)
		}
		return c
	}
	// 16 hours over 05-12 … 05-13: 8 on 05-12, where 20 are online.
	c := openClaim(calendar.Date{Year: 2025, Month: 5, Day: 12}, calendar.Date{Year: 2025, Month: 5, Day: 13}, 16)
	if got := itemFlags(t, s, "claim", c.ID); len(got) != 1 || got[0].Kind != store.FlagDailyHours || got[0].PersonID != p.ID {
		t.Fatalf("claim review flags = %+v, want p's daily hours on 2025-05-12", got)
	}
	// Online credits posted while a claim on 05-20 is in review flag it.
	later := openClaim(calendar.Date{Year: 2025, Month: 5, Day: 20}, calendar.Date{Year: 2025, Month: 5, Day: 20}, 2)
	if got := itemFlags(t, s, "claim", later.ID); len(got) != 0 {
		t.Fatalf("claim on 05-20 flagged before the online credits: %+v", got)
	}
	post(t, s, inst, []store.OnlineCredit{online(t, "B", p.ID, "2025-05-20", 24.5)})
	if got := itemFlags(t, s, "claim", later.ID); len(got) != 1 || got[0].Kind != store.FlagDailyHours {
		t.Errorf("claim on 05-20 after 24.5 online hours: %+v, want a daily-hours flag", got)
	}
	// Approving the first claim records the flag of 05-12.
	c.Seq, c.Stage, c.Approved, c.AssignedRegion = 2, store.ClaimStageApproved, &c.Claimed, ""
	closed := store.ReviewItem{SubjectKind: "claim", SubjectID: c.ID, Step: "claim", Title: "学分申请", Region: "210102",
		AssignedRegion: "210102"}
	if _, err := s.ApplyClaimChange(ctx, store.ClaimChange{Claim: c, Review: &closed, PostCredits: true}); err != nil {
		t.Fatal(err)
	}
	flags, err := store.IntegrityFlags(ctx, s.Pool, p.ID, 2025)
	if err != nil || len(flags) != 2 || flags[0].Day.String() != "2025-05-12" || flags[0].Hours != 28 {
		t.Errorf("integrity flags = %+v (%v), want 28 hours on 2025-05-12 and the online day 2025-05-20", flags, err)
	}
}

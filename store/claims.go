package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/liaoning-finance/cpe/calendar"
)

// Claim kinds (DESIGN.md §7).
const (
	// ClaimFaceToFace is face-to-face training attended elsewhere.
	ClaimFaceToFace = "face_to_face"
	// ClaimOther is an other form of learning (exam, conference, …).
	ClaimOther = "other"
	// ClaimPublicCadre is public credits from the cadre learning site.
	ClaimPublicCadre = "public_cadre"
	// ClaimMakeup is the make-up registration (补登) of a past year.
	ClaimMakeup = "makeup"
)

// ClaimKinds lists every claim kind.
var ClaimKinds = []string{ClaimFaceToFace, ClaimOther, ClaimPublicCadre, ClaimMakeup}

// Claim stages (DESIGN.md §7).
const (
	ClaimStageReview    = "review"
	ClaimStageReturned  = "returned"
	ClaimStageApproved  = "approved"
	ClaimStageRejected  = "rejected"
	ClaimStageWithdrawn = "withdrawn"
	ClaimStageAbandoned = "abandoned"
)

// ClaimStages lists every claim stage, open ones first.
var ClaimStages = []string{ClaimStageReview, ClaimStageReturned, ClaimStageApproved, ClaimStageRejected,
	ClaimStageWithdrawn, ClaimStageAbandoned}

// ClaimCredits are credits per category.
type ClaimCredits struct {
	Professional float64 `json:"professional"`
	Public       float64 `json:"public"`
}

// Total is the sum of both categories.
func (c ClaimCredits) Total() float64 { return c.Professional + c.Public }

// ClaimDetails are the fields of a claim's kind, as the applicant submitted
// them (the API validated them); fields of other kinds are empty.
type ClaimDetails struct {
	// Organiser, StartDate, EndDate, Hours and Category: face_to_face.
	Organiser string         `json:"organiser,omitempty"`
	StartDate *calendar.Date `json:"start_date,omitempty"`
	EndDate   *calendar.Date `json:"end_date,omitempty"`
	// Hours are training hours (face_to_face) or 学时 (public_cadre).
	Hours    float64 `json:"hours,omitempty"`
	Category string  `json:"category,omitempty"`
	// Form, Role, Days, Title and Date: other.
	Form  string         `json:"form,omitempty"`
	Role  string         `json:"role,omitempty"`
	Days  int            `json:"days,omitempty"`
	Title string         `json:"title,omitempty"`
	Date  *calendar.Date `json:"date,omitempty"`
	// Channel and CompletedOn: makeup.
	Channel     string         `json:"channel,omitempty"`
	CompletedOn *calendar.Date `json:"completed_on,omitempty"`
}

// Claim is a person's credit claim: the read model the claim workflow keeps
// current, and the body of GET /v1/claims/{id}.
type Claim struct {
	ID       int64 `json:"id"`
	PersonID int64 `json:"person_id"`
	// Region is the person's region at submission, whose finance department
	// reviews the claim; City its city (210000 for a provincial unit).
	Region string `json:"region"`
	City   string `json:"city"`
	Kind   string `json:"kind"`
	// Year is the year the credits belong to (for a make-up, the year made up).
	Year int `json:"year"`
	// PolicyYear is the policy whose review deadlines apply.
	PolicyYear int `json:"policy_year"`
	ClaimDetails
	// Claimed are the credits asked for, computed from the details (make-up:
	// as stated by the applicant).
	Claimed ClaimCredits `json:"claimed_credits"`
	// Approved are the credits granted, set on approval.
	Approved *ClaimCredits `json:"approved_credits"`
	Stage    string        `json:"stage"`
	// AssignedRegion is the finance department holding the open review.
	AssignedRegion  string     `json:"assigned_region,omitempty"`
	EscalationLevel int        `json:"escalation_level"`
	ReviewDueAt     *time.Time `json:"review_due_at,omitempty"`
	// CorrectionDueAt ends the window to amend a returned claim.
	CorrectionDueAt *time.Time `json:"correction_due_at,omitempty"`
	Overdue         bool       `json:"overdue"`
	// Returns counts how often the claim was returned.
	Returns int `json:"returns"`
	// ProofCount is the number of proof files (filled by GetClaim and
	// ListClaims).
	ProofCount  int    `json:"proof_count"`
	SubmittedBy *int64 `json:"submitted_by,omitempty"`
	WorkflowID  string `json:"workflow_id"`
	// Seq is the version of the workflow state this row reflects.
	Seq       int64     `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	// Decisions is the decision history, oldest first (filled by GetClaim).
	Decisions []ClaimDecision `json:"decisions"`
}

// Open reports whether the claim still awaits a final outcome.
func (c Claim) Open() bool {
	return c.Stage == ClaimStageReview || c.Stage == ClaimStageReturned
}

// ClaimWorkflowID is the Temporal workflow id of a claim.
func ClaimWorkflowID(id int64) string { return fmt.Sprintf("claim-%d", id) }

const claimColumns = `c.id, c.person_id, c.region, c.city, c.kind, c.year, c.policy_year, c.details,
	c.claimed_professional::float8, c.claimed_public::float8, c.approved_professional::float8,
	c.approved_public::float8, c.stage, coalesce(c.assigned_region, ''), c.escalation_level, c.review_due_at,
	c.correction_due_at, c.overdue, c.returns, c.submitted_by, c.workflow_id, c.seq, c.created_at, c.updated_at,
	(SELECT count(*) FROM claim_proofs p WHERE p.claim_id = c.id)`

func scanClaim(row pgx.Row) (Claim, error) {
	var c Claim
	var approvedProf, approvedPub *float64
	err := row.Scan(&c.ID, &c.PersonID, &c.Region, &c.City, &c.Kind, &c.Year, &c.PolicyYear, &c.ClaimDetails,
		&c.Claimed.Professional, &c.Claimed.Public, &approvedProf, &approvedPub, &c.Stage, &c.AssignedRegion,
		&c.EscalationLevel, &c.ReviewDueAt, &c.CorrectionDueAt, &c.Overdue, &c.Returns, &c.SubmittedBy,
		&c.WorkflowID, &c.Seq, &c.CreatedAt, &c.UpdatedAt, &c.ProofCount)
	if err != nil {
		return c, err
	}
	if approvedProf != nil || approvedPub != nil {
		c.Approved = &ClaimCredits{}
		if approvedProf != nil {
			c.Approved.Professional = *approvedProf
		}
		if approvedPub != nil {
			c.Approved.Public = *approvedPub
		}
	}
	c.localise()
	return c, nil
}

// localise shows every instant in Asia/Shanghai.
func (c *Claim) localise() {
	c.CreatedAt = c.CreatedAt.In(calendar.Shanghai)
	c.UpdatedAt = c.UpdatedAt.In(calendar.Shanghai)
	for _, t := range []*time.Time{c.ReviewDueAt, c.CorrectionDueAt} {
		if t != nil {
			*t = t.In(calendar.Shanghai)
		}
	}
}

// GetClaim returns a claim with its decision history and proof count.
func (s *Store) GetClaim(ctx context.Context, id int64) (Claim, error) {
	c, err := scanClaim(s.Pool.QueryRow(ctx, `SELECT `+claimColumns+` FROM claims c WHERE c.id = $1`, id))
	if err != nil {
		return c, notFound(err)
	}
	c.Decisions, err = s.ClaimDecisions(ctx, id)
	return c, err
}

package api

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/liaoning-finance/cpe/calendar"
	"github.com/liaoning-finance/cpe/store"
)

// ClaimRequest is the body of POST /v1/claims and POST
// /v1/claims/{id}/amend. Which fields a claim takes depends on its kind;
// any other field is refused, and so is "credits": the credits are
// computed, never sent (a make-up states its credits per category).
type ClaimRequest struct {
	Kind string `json:"kind"`
	Year int    `json:"year"`
	// face_to_face
	Organiser string   `json:"organiser"`
	StartDate string   `json:"start_date"`
	EndDate   string   `json:"end_date"`
	Hours     *float64 `json:"hours"`
	Category  string   `json:"category"`
	// other
	Form  string `json:"form"`
	Role  string `json:"role"`
	Days  int    `json:"days"`
	Title string `json:"title"`
	Date  string `json:"date"`
	// makeup
	Channel             string   `json:"channel"`
	CompletedOn         string   `json:"completed_on"`
	ProfessionalCredits *float64 `json:"professional_credits"`
	PublicCredits       *float64 `json:"public_credits"`
}

// claimFields are the fields each kind takes besides kind and year.
var claimFields = map[string][]string{
	store.ClaimFaceToFace:  {"organiser", "start_date", "end_date", "hours", "category"},
	store.ClaimOther:       {"form", "role", "days", "title", "date"},
	store.ClaimPublicCadre: {"hours"},
	store.ClaimMakeup:      {"channel", "completed_on", "professional_credits", "public_credits"},
}

// Enumerations of claim fields.
var (
	otherForms    = []string{"exam", "conference", "degree_course", "research", "paper", "book"}
	otherRoles    = []string{"sole", "lead", "first", "participant", "other"}
	makeupChannel = []string{"online", "face_to_face", "other"}
)

// Limits of claim fields.
const (
	// maxClaimHours caps the hours of a claim.
	maxClaimHours = 999
	// maxMakeupCredits caps each credit category of a make-up.
	maxMakeupCredits = 999
)

// claimError is a refusal of a claim: a malformed field (400) when Rule is
// empty, else a policy rule (422).
type claimError struct {
	Field, Rule, Message string
}

func claimFieldErr(field, format string, args ...any) *claimError {
	return &claimError{Field: field, Message: fmt.Sprintf(format, args...)}
}

func claimRuleErr(rule, format string, args ...any) *claimError {
	return &claimError{Rule: rule, Message: fmt.Sprintf(format, args...)}
}

// claimForm is a ClaimRequest with its fields parsed, before the policy
// rules.
type claimForm struct {
	kind, organiser, category, form, role, title, channel string
	year, days                                            int
	hours, professional, public                           float64
	start, end, date, completedOn                         calendar.Date
}

// parseClaim checks the shape of a claim body: the kind, the year, that
// only the kind's fields are present (raw holds the body's keys), and each
// field's format.
func parseClaim(req ClaimRequest, raw map[string]json.RawMessage) (claimForm, *claimError) {
	f := claimForm{kind: req.Kind, year: req.Year}
	fields, ok := claimFields[req.Kind]
	if !ok {
		return f, claimFieldErr("kind", `want "face_to_face", "other", "public_cadre" or "makeup"`)
	}
	if _, ok := raw["credits"]; ok {
		return f, claimFieldErr("credits", "credits are computed from the claim by the policy, never sent; a make-up states professional_credits and public_credits")
	}
	for _, k := range slices.Sorted(maps.Keys(raw)) {
		if k != "kind" && k != "year" && !slices.Contains(fields, k) {
			return f, claimFieldErr(k, "not a field of a %s claim, which takes %s", req.Kind, strings.Join(fields, ", "))
		}
	}
	if req.Year < 2000 || req.Year > 2100 {
		return f, claimFieldErr("year", "required, a year such as 2025")
	}
	var err *claimError
	switch req.Kind {
	case store.ClaimFaceToFace:
		err = f.parseFaceToFace(req)
	case store.ClaimOther:
		err = f.parseOther(req)
	case store.ClaimPublicCadre:
		f.hours, err = claimAmount("hours", req.Hours, maxClaimHours)
	case store.ClaimMakeup:
		err = f.parseMakeup(req)
	}
	return f, err
}

func (f *claimForm) parseFaceToFace(req ClaimRequest) *claimError {
	var err *claimError
	if f.organiser, err = claimText("organiser", req.Organiser); err != nil {
		return err
	}
	if f.start, err = claimDay("start_date", req.StartDate); err != nil {
		return err
	}
	if f.end, err = claimDay("end_date", req.EndDate); err != nil {
		return err
	}
	if f.end.Before(f.start) {
		return claimFieldErr("end_date", "must not be before start_date")
	}
	if f.hours, err = claimAmount("hours", req.Hours, maxClaimHours); err != nil {
		return err
	}
	if req.Category != "professional" && req.Category != "public" {
		return claimFieldErr("category", `want "professional" or "public"`)
	}
	f.category = req.Category
	return nil
}

func (f *claimForm) parseOther(req ClaimRequest) *claimError {
	if !slices.Contains(otherForms, req.Form) {
		return claimFieldErr("form", "want one of %s", strings.Join(otherForms, ", "))
	}
	if req.Role != "" && !slices.Contains(otherRoles, req.Role) {
		return claimFieldErr("role", "want one of %s", strings.Join(otherRoles, ", "))
	}
	f.form, f.role, f.days = req.Form, req.Role, req.Days
	var err *claimError
	if f.title, err = claimText("title", req.Title); err != nil {
		return err
	}
	f.date, err = claimDay("date", req.Date)
	return err
}

func (f *claimForm) parseMakeup(req ClaimRequest) *claimError {
	if !slices.Contains(makeupChannel, req.Channel) {
		return claimFieldErr("channel", "want one of %s", strings.Join(makeupChannel, ", "))
	}
	f.channel = req.Channel
	var err *claimError
	if f.completedOn, err = claimDay("completed_on", req.CompletedOn); err != nil {
		return err
	}
	for _, c := range []struct {
		name string
		v    *float64
		into *float64
	}{{"professional_credits", req.ProfessionalCredits, &f.professional}, {"public_credits", req.PublicCredits, &f.public}} {
		if c.v == nil || *c.v == 0 {
			continue
		}
		if *c.into, err = claimAmount(c.name, c.v, maxMakeupCredits); err != nil {
			return err
		}
	}
	if f.professional+f.public == 0 {
		return claimFieldErr("professional_credits", "a make-up states the credits made up: professional_credits, public_credits or both, greater than 0")
	}
	return nil
}

// claimText checks a required text field of at most maxTextLength characters.
func claimText(field, v string) (string, *claimError) {
	v = strings.TrimSpace(v)
	if v == "" || utf8.RuneCountInString(v) > maxTextLength {
		return "", claimFieldErr(field, "required, at most %d characters", maxTextLength)
	}
	return v, nil
}

// claimDay parses a required YYYY-MM-DD field.
func claimDay(field, v string) (calendar.Date, *claimError) {
	d, err := calendar.ParseDate(v)
	if err != nil {
		return d, claimFieldErr(field, "required, a date YYYY-MM-DD")
	}
	return d, nil
}

// claimAmount checks a required number greater than 0, at most limit, with at
// most two decimals.
func claimAmount(field string, v *float64, limit float64) (float64, *claimError) {
	if v == nil || !(*v > 0) || *v > limit || math.Abs(*v*100-math.Round(*v*100)) > 1e-6 {
		return 0, claimFieldErr(field, "required, a number greater than 0 and at most %g with at most 2 decimals", limit)
	}
	return *v, nil
}

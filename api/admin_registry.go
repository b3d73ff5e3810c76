package api

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5"

	"github.com/liaoning-finance/cpe/codes"
	"github.com/liaoning-finance/cpe/store"
)

// InstitutionRequest is the body of POST /v1/admin/institutions.
type InstitutionRequest struct {
	Name   string `json:"name"`
	USCC   string `json:"uscc"`
	Kind   string `json:"kind"`
	Region string `json:"region"`
	// ApprovedYears are the years an online institution is approved for.
	ApprovedYears []int32 `json:"approved_years"`
}

// PersonRequest is the body of POST /v1/admin/persons.
type PersonRequest struct {
	IDNumber            string `json:"id_number"`
	Name                string `json:"name"`
	Region              string `json:"region"`
	TitleLevel          string `json:"title_level"`
	ObligationStartYear int    `json:"obligation_start_year"`
}

// checkRegion validates a region field: 400 for a malformed or unknown code,
// 422 for the excluded region; it reports whether the handler may go on.
func checkRegion(c *gin.Context, field, code string) (codes.Region, bool) {
	r, err := codes.ParseRegion(code)
	if errors.Is(err, codes.ErrExcludedRegion) {
		failRule(c, "excluded_region", field+": "+err.Error())
		return r, false
	}
	if err != nil {
		failField(c, field, err.Error())
		return r, false
	}
	return r, true
}

func checkName(c *gin.Context, name string) (string, bool) {
	name = strings.TrimSpace(name)
	if name == "" || len([]rune(name)) > 200 {
		failField(c, "name", "required, at most 200 characters")
		return "", false
	}
	return name, true
}

func (s *Server) createInstitution(c *gin.Context) {
	var req InstitutionRequest
	if !bindJSON(c, &req) {
		return
	}
	name, ok := checkName(c, req.Name)
	if !ok {
		return
	}
	uscc := strings.ToUpper(strings.TrimSpace(req.USCC))
	if err := codes.CheckUSCC(uscc); err != nil {
		failField(c, "uscc", err.Error())
		return
	}
	if req.Kind != "face_to_face" && req.Kind != "online" {
		failField(c, "kind", `want "face_to_face" or "online"`)
		return
	}
	if _, ok := checkRegion(c, "region", req.Region); !ok {
		return
	}
	for _, y := range req.ApprovedYears {
		if y < 2000 || y > 2100 {
			failField(c, "approved_years", "each year must be between 2000 and 2100")
			return
		}
	}
	if req.Kind == "face_to_face" && len(req.ApprovedYears) > 0 {
		failField(c, "approved_years", "only online institutions have approved years")
		return
	}
	var out store.Institution
	ok = s.audited(c, "institution.create", "institution", "an institution with this uscc is already registered",
		func(tx pgx.Tx) (string, any, error) {
			var err error
			out, err = store.CreateInstitution(c, tx, store.Institution{Name: name, USCC: uscc, Kind: req.Kind, Region: req.Region, ApprovedYears: req.ApprovedYears})
			return strconv.FormatInt(out.ID, 10), out, err
		})
	if ok {
		c.JSON(http.StatusCreated, out)
	}
}

func (s *Server) listInstitutions(c *gin.Context) {
	kind := c.Query("kind")
	if kind != "" && kind != "face_to_face" && kind != "online" {
		failField(c, "kind", `want "face_to_face" or "online"`)
		return
	}
	list, err := s.Store.Institutions(c, kind)
	if err != nil {
		failInternal(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"institutions": list})
}

func (s *Server) createPerson(c *gin.Context) {
	var req PersonRequest
	if !bindJSON(c, &req) {
		return
	}
	idNumber := codes.NormalizeIDCard(req.IDNumber)
	if err := codes.CheckIDCard(idNumber); err != nil {
		failField(c, "id_number", err.Error())
		return
	}
	name, ok := checkName(c, req.Name)
	if !ok {
		return
	}
	if _, ok := checkRegion(c, "region", req.Region); !ok {
		return
	}
	switch req.TitleLevel {
	case "none", "junior", "intermediate", "senior":
	default:
		failField(c, "title_level", `want "none", "junior", "intermediate" or "senior"`)
		return
	}
	if y := req.ObligationStartYear; y < 1980 || y > time.Now().Year()+1 {
		failField(c, "obligation_start_year", "want a year from 1980 to next year")
		return
	}
	var out store.Person
	ok = s.audited(c, "person.create", "person", "a person with this id_number is already registered",
		func(tx pgx.Tx) (string, any, error) {
			var err error
			out, err = store.CreatePerson(c, tx, store.Person{IDNumber: idNumber, Name: name, Region: req.Region,
				TitleLevel: req.TitleLevel, ObligationStartYear: req.ObligationStartYear})
			return strconv.FormatInt(out.ID, 10), map[string]any{"id_number": codes.MaskIDCard(idNumber), "region": out.Region}, err
		})
	if ok {
		c.JSON(http.StatusCreated, out)
	}
}

func (s *Server) getPerson(c *gin.Context) {
	id, ok := pathID(c)
	if !ok {
		return
	}
	if p, err := s.Store.Person(c, id); found(c, err, "no such person") {
		c.JSON(http.StatusOK, p)
	}
}

// pathID parses the :id path parameter; an id that is not a positive whole
// number is answered with 404, as no such item exists.
func pathID(c *gin.Context) (int64, bool) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		fail(c, http.StatusNotFound, "not_found", "no such item: "+c.Param("id"))
		return 0, false
	}
	return id, true
}

package api

import (
	"encoding/csv"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/liaoning-finance/cpe/codes"
	"github.com/liaoning-finance/cpe/store"
)

const (
	defaultReportPageSize = 50
	maxReportPageSize     = 500
)

// ComplianceTotals counts the evaluated persons of a report.
type ComplianceTotals struct {
	Persons   int `json:"persons"`
	Compliant int `json:"compliant"`
	Short     int `json:"short"`
	Exempt    int `json:"exempt"`
}

// ShortPage is one page of the persons short of the requirement.
type ShortPage struct {
	Page     int                 `json:"page"`
	PageSize int                 `json:"page_size"`
	Total    int                 `json:"total"`
	Items    []store.ShortPerson `json:"items"`
}

// ComplianceReport is the body of GET /v1/reports/compliance.
type ComplianceReport struct {
	Year int `json:"year"`
	// Region is the region reported on, with its cities and counties.
	Region string `json:"region"`
	// EvaluatedAt is when the last complete evaluation of the year ended;
	// Running is true while a newer one runs.
	EvaluatedAt time.Time        `json:"evaluated_at"`
	Running     bool             `json:"running"`
	Totals      ComplianceTotals `json:"totals"`
	// Regions counts per region of the persons, by region code.
	Regions []store.RegionCompliance `json:"regions"`
	Short   ShortPage                `json:"short"`
}

// reportRoutes are the compliance report and its evaluation.
func (s *Server) reportRoutes() []Route {
	admin := []Role{RoleAdmin}
	return []Route{
		{Method: http.MethodGet, Path: "/v1/reports/compliance", Roles: []Role{RoleReviewer, RoleSupervisor, RoleAdmin},
			Scope:  "reviewer, supervisor: the regions their region covers (a region outside is 403); admin: all",
			Handle: s.complianceReport},
		{Method: http.MethodPost, Path: "/v1/admin/compliance/:year/evaluate", Roles: admin, Scope: scopeAdmin,
			Handle: s.evaluateCompliance},
		{Method: http.MethodGet, Path: "/v1/admin/compliance/:year", Roles: admin, Scope: scopeAdmin,
			Handle: s.complianceRun},
	}
}

// complianceReport answers GET /v1/reports/compliance?year=&region=&page=&page_size=,
// as CSV of the persons short with format=csv or Accept: text/csv. A year
// not evaluated yet is 404: the report is never computed on the fly.
func (s *Server) complianceReport(c *gin.Context) {
	year, ok := requiredYear(c)
	if !ok {
		return
	}
	region, ok := reportRegion(c)
	if !ok {
		return
	}
	run, err := s.Store.ComplianceRunOf(c, year)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		failInternal(c, err)
		return
	}
	if err != nil || run.FinishedAt == nil {
		fail(c, http.StatusNotFound, "not_evaluated", fmt.Sprintf(
			"compliance of %d has not been evaluated yet: it is evaluated each 1 February, or an admin starts it with POST /v1/admin/compliance/%d/evaluate",
			year, year))
		return
	}
	scope := store.ScopeOf(region)
	if c.Query("format") == "csv" || strings.Contains(c.GetHeader("Accept"), "text/csv") {
		s.complianceCSV(c, year, region, scope)
		return
	}
	page, size, ok := pageQuery(c, defaultReportPageSize, maxReportPageSize)
	if !ok {
		return
	}
	regions, err := s.Store.ComplianceByRegion(c, year, scope)
	if err != nil {
		failInternal(c, err)
		return
	}
	items, total, err := s.Store.ShortPersons(c, year, scope, page, size)
	if err != nil {
		failInternal(c, err)
		return
	}
	rep := ComplianceReport{Year: year, Region: region.Code, EvaluatedAt: *run.FinishedAt, Running: run.Running,
		Regions: regions, Short: ShortPage{Page: page, PageSize: size, Total: total, Items: items}}
	for _, r := range regions {
		rep.Totals.Persons += r.Persons
		rep.Totals.Compliant += r.Compliant
		rep.Totals.Short += r.Short
		rep.Totals.Exempt += r.Exempt
	}
	c.JSON(http.StatusOK, rep)
}

// reportRegion returns the region to report on: ?region= when the caller's
// scope covers it, else the caller's own region (the province for an admin).
func reportRegion(c *gin.Context) (codes.Region, bool) {
	p := principal(c)
	own := codes.ProvinceCode
	if p.Role != RoleAdmin {
		own = p.Region
	}
	code := c.DefaultQuery("region", own)
	region, ok := checkRegion(c, "region", code)
	if !ok {
		return region, false
	}
	if !personInScope(p, region.Code) {
		fail(c, http.StatusForbidden, "forbidden", "region "+region.Code+" is outside the region of this account")
		return region, false
	}
	return region, true
}

// csvHeader is the header of the CSV export.
var csvHeader = []string{"person_id", "name", "id_number_masked", "region", "professional", "public", "total",
	"short_professional", "short_public", "short_total"}

// complianceCSV streams the persons short in year within scope as CSV
// (UTF-8 with a byte-order mark, so spreadsheet programs read the names),
// every cell neutralised against formula injection, and audits the export.
func (s *Server) complianceCSV(c *gin.Context, year int, region codes.Region, scope store.RegionScope) {
	c.Header("Content-Type", "text/csv; charset=utf-8")
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="compliance-%d-%s.csv"`, year, region.Code))
	c.Status(http.StatusOK)
	_, _ = c.Writer.WriteString("\uFEFF")
	w := csv.NewWriter(c.Writer)
	_ = w.Write(csvHeader)
	rows := 0
	err := s.Store.EachShortPerson(c, year, scope, func(sp store.ShortPerson) error {
		rows++
		return w.Write(neutraliseCells([]string{strconv.FormatInt(sp.PersonID, 10), sp.Name, sp.IDNumberMasked,
			sp.Region, formatCredits(sp.Professional), formatCredits(sp.Public), formatCredits(sp.Total),
			formatCredits(sp.Shortfall.Professional), formatCredits(sp.Shortfall.Public), formatCredits(sp.Shortfall.Total)}))
	})
	w.Flush()
	if err == nil {
		err = w.Error()
	}
	if err == nil {
		p := principal(c)
		err = s.Store.Audit(c, store.AuditEntry{AccountID: p.AccountRef(), Role: string(p.Role),
			Action: "compliance.export", SubjectKind: "compliance", SubjectID: strconv.Itoa(year),
			Details: map[string]any{"region": region.Code, "rows": rows}})
	}
	if err != nil {
		// The status is sent; the error goes to the access log.
		_ = c.Error(fmt.Errorf("compliance CSV export: %w", err))
	}
}

// neutraliseCells prefixes with ' every cell a spreadsheet would read as a
// formula: one starting with =, +, -, @, a tab or a carriage return.
func neutraliseCells(cells []string) []string {
	for i, v := range cells {
		if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
			cells[i] = "'" + v
		}
	}
	return cells
}

// formatCredits writes credits without trailing zeros: 59.5, 60.
func formatCredits(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

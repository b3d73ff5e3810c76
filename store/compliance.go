package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/liaoning-finance/cpe/calendar"
	"github.com/liaoning-finance/cpe/codes"
	"github.com/liaoning-finance/cpe/policy"
)

// ComplianceRun is the last evaluation of a year.
type ComplianceRun struct {
	Year       int       `json:"year"`
	WorkflowID string    `json:"workflow_id"`
	StartedAt  time.Time `json:"started_at"`
	// FinishedAt is when the last complete evaluation ended; nil until one has.
	FinishedAt *time.Time `json:"finished_at"`
	// Running is true while an evaluation started after FinishedAt runs.
	Running bool `json:"running"`
	// Persons is the number of persons the last complete evaluation covered.
	Persons int `json:"persons"`
}

// StartComplianceRun records that workflowID started evaluating year at.
// Results of an earlier run stay readable until they are overwritten.
func (s *Store) StartComplianceRun(ctx context.Context, year int, workflowID string, at time.Time) error {
	_, err := s.Pool.Exec(ctx, `INSERT INTO compliance_runs (year, workflow_id, started_at) VALUES ($1, $2, $3)
		ON CONFLICT (year) DO UPDATE SET workflow_id = EXCLUDED.workflow_id, started_at = EXCLUDED.started_at`, year, workflowID, at)
	return err
}

// FinishComplianceRun records that workflowID evaluated persons persons of
// year, finishing at.
func (s *Store) FinishComplianceRun(ctx context.Context, year int, workflowID string, persons int, at time.Time) error {
	_, err := s.Pool.Exec(ctx, `UPDATE compliance_runs SET finished_at = $3, persons = $4
		WHERE year = $1 AND workflow_id = $2`, year, workflowID, at, persons)
	return err
}

// ComplianceRunOf returns the evaluation of year (ErrNotFound when the year
// was never evaluated).
func (s *Store) ComplianceRunOf(ctx context.Context, year int) (ComplianceRun, error) {
	r := ComplianceRun{Year: year}
	err := s.Pool.QueryRow(ctx, `SELECT workflow_id, started_at, finished_at, persons FROM compliance_runs WHERE year = $1`,
		year).Scan(&r.WorkflowID, &r.StartedAt, &r.FinishedAt, &r.Persons)
	if err != nil {
		return r, notFound(err)
	}
	r.StartedAt = r.StartedAt.In(calendar.Shanghai)
	if r.FinishedAt != nil {
		t := r.FinishedAt.In(calendar.Shanghai)
		r.FinishedAt = &t
	}
	r.Running = r.FinishedAt == nil || r.FinishedAt.Before(r.StartedAt)
	return r, nil
}

// CompliancePage is the outcome of evaluating one page of persons.
type CompliancePage struct {
	// LastPersonID is the highest person id of the page; the next page
	// starts after it.
	LastPersonID int64 `json:"last_person_id"`
	// Evaluated counts the persons of the page; fewer than the page size
	// means there are no more.
	Evaluated int `json:"evaluated"`
	// Short counts those of the page who are short.
	Short int `json:"short"`
}

// EvaluateCompliancePage evaluates up to limit persons with ids above
// afterID, in id order, against p and stores each result, replacing an
// earlier one. A repeated call stores the same results again.
func (s *Store) EvaluateCompliancePage(ctx context.Context, p policy.Policy, workflowID string, afterID int64, limit int, at time.Time) (CompliancePage, error) {
	page := CompliancePage{LastPersonID: afterID}
	// The lateral sums read each person's entries through the (person_id,
	// year) index instead of scanning the ledger once per page.
	rows, err := s.Pool.Query(ctx, `SELECT p.id, p.region, p.obligation_start_year,
			coalesce(c.professional, 0)::float8, coalesce(c.public, 0)::float8
		FROM (SELECT id, region, obligation_start_year FROM persons WHERE id > $1 ORDER BY id LIMIT $2) p
		CROSS JOIN LATERAL (SELECT sum(l.credits) FILTER (WHERE l.category = 'professional') AS professional,
				sum(l.credits) FILTER (WHERE l.category = 'public') AS public
			FROM credit_ledger l WHERE l.person_id = p.id AND l.year = $3) c
		ORDER BY p.id`, afterID, limit, p.Year)
	if err != nil {
		return page, fmt.Errorf("read persons' credits: %w", err)
	}
	var b complianceBatch
	var id int64
	var region string
	var start int
	var professional, public float64
	if _, err := pgx.ForEachRow(rows, []any{&id, &region, &start, &professional, &public}, func() error {
		r, err := p.Evaluate(start, []policy.Entry{
			{Category: policy.CategoryProfessional, Credits: professional},
			{Category: policy.CategoryPublic, Credits: public}})
		if err != nil {
			return fmt.Errorf("person %d: %w", id, err)
		}
		b.add(id, region, start, r)
		page.LastPersonID = id
		if !r.Compliant {
			page.Short++
		}
		return nil
	}); err != nil {
		return page, fmt.Errorf("evaluate persons: %w", err)
	}
	page.Evaluated = len(b.persons)
	if page.Evaluated == 0 {
		return page, nil
	}
	return page, b.store(ctx, s.Pool, p.Year, workflowID, at)
}

// complianceBatch holds the results of a page as columns.
type complianceBatch struct {
	persons                                            []int64
	regions                                            []string
	starts                                             []int32
	professional, public, total, shortP, shortU, short []float64
	compliant, exempt                                  []bool
}

// add appends one person's result.
func (b *complianceBatch) add(id int64, region string, start int, r policy.Result) {
	b.persons, b.regions, b.starts = append(b.persons, id), append(b.regions, region), append(b.starts, int32(start))
	b.professional, b.public, b.total = append(b.professional, r.Professional), append(b.public, r.Public), append(b.total, r.Total)
	b.shortP, b.shortU, b.short = append(b.shortP, r.Shortfall.Professional), append(b.shortU, r.Shortfall.Public),
		append(b.short, r.Shortfall.Total)
	b.compliant, b.exempt = append(b.compliant, r.Compliant), append(b.exempt, r.Exempt)
}

// store upserts the batch in one statement.
func (b *complianceBatch) store(ctx context.Context, q Querier, year int, workflowID string, at time.Time) error {
	_, err := q.Exec(ctx, `INSERT INTO compliance_results (year, person_id, region, obligation_start_year,
			professional, public, total, short_professional, short_public, short_total, compliant, exempt,
			workflow_id, evaluated_at)
		SELECT $1, r.*, $13, $14 FROM unnest($2::bigint[], $3::text[], $4::int[], $5::numeric[], $6::numeric[],
			$7::numeric[], $8::numeric[], $9::numeric[], $10::numeric[], $11::boolean[], $12::boolean[]) AS r
		ON CONFLICT (year, person_id) DO UPDATE SET region = EXCLUDED.region,
			obligation_start_year = EXCLUDED.obligation_start_year, professional = EXCLUDED.professional,
			public = EXCLUDED.public, total = EXCLUDED.total, short_professional = EXCLUDED.short_professional,
			short_public = EXCLUDED.short_public, short_total = EXCLUDED.short_total,
			compliant = EXCLUDED.compliant, exempt = EXCLUDED.exempt, workflow_id = EXCLUDED.workflow_id,
			evaluated_at = EXCLUDED.evaluated_at`,
		year, b.persons, b.regions, b.starts, b.professional, b.public, b.total, b.shortP, b.shortU, b.short,
		b.compliant, b.exempt, workflowID, at)
	if err != nil {
		return fmt.Errorf("store compliance results: %w", err)
	}
	return nil
}

// RegionCompliance counts the evaluated persons of one region.
type RegionCompliance struct {
	Region    string `json:"region"`
	Name      string `json:"name"`
	Persons   int    `json:"persons"`
	Compliant int    `json:"compliant"`
	Short     int    `json:"short"`
	Exempt    int    `json:"exempt"`
}

// scopeWhere filters compliance_results c on RegionScope arguments $2 and $3.
const scopeWhere = `c.year = $1 AND ($2 = '' OR c.region = $2) AND ($3 = '' OR c.region LIKE $3 || '%')`

// ComplianceByRegion counts compliant (not exempt), short and exempt
// persons of year per region within scope, by region code.
func (s *Store) ComplianceByRegion(ctx context.Context, year int, scope RegionScope) ([]RegionCompliance, error) {
	rows, err := s.Pool.Query(ctx, `SELECT c.region, count(*), count(*) FILTER (WHERE c.compliant AND NOT c.exempt),
			count(*) FILTER (WHERE NOT c.compliant), count(*) FILTER (WHERE c.exempt)
		FROM compliance_results c WHERE `+scopeWhere+` GROUP BY c.region ORDER BY c.region`,
		year, scope.Exact, scope.Prefix)
	if err != nil {
		return nil, err
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (RegionCompliance, error) {
		var r RegionCompliance
		err := row.Scan(&r.Region, &r.Persons, &r.Compliant, &r.Short, &r.Exempt)
		if reg, perr := codes.ParseRegion(r.Region); perr == nil {
			r.Name = reg.Name()
		}
		return r, err
	})
	if out == nil {
		out = []RegionCompliance{}
	}
	return out, err
}

// ShortPerson is a person short of the year's requirement. The ID-card
// number is masked; the name is shown because reviewers act on the list.
type ShortPerson struct {
	PersonID       int64            `json:"person_id"`
	Name           string           `json:"name"`
	IDNumberMasked string           `json:"id_number_masked"`
	Region         string           `json:"region"`
	Professional   float64          `json:"professional"`
	Public         float64          `json:"public"`
	Total          float64          `json:"total"`
	Shortfall      policy.Shortfall `json:"shortfall"`
}

const shortSelect = `SELECT c.person_id, p.name, p.id_number, c.region, c.professional::float8, c.public::float8,
		c.total::float8, c.short_professional::float8, c.short_public::float8, c.short_total::float8
	FROM compliance_results c JOIN persons p ON p.id = c.person_id
	WHERE ` + scopeWhere + ` AND NOT c.compliant ORDER BY c.region, c.person_id`

// scanShort reads one row of shortSelect.
func scanShort(row pgx.CollectableRow) (ShortPerson, error) {
	var sp ShortPerson
	var idNumber string
	err := row.Scan(&sp.PersonID, &sp.Name, &idNumber, &sp.Region, &sp.Professional, &sp.Public, &sp.Total,
		&sp.Shortfall.Professional, &sp.Shortfall.Public, &sp.Shortfall.Total)
	sp.IDNumberMasked = codes.MaskIDCard(idNumber)
	return sp, err
}

// ShortPersons returns one page (1-based) of the persons short in year
// within scope, by region and id, and how many there are.
func (s *Store) ShortPersons(ctx context.Context, year int, scope RegionScope, page, pageSize int) ([]ShortPerson, int, error) {
	if page < 1 || pageSize < 1 {
		return nil, 0, errors.New("store: page and page size must be positive")
	}
	var total int
	if err := s.Pool.QueryRow(ctx, `SELECT count(*) FROM compliance_results c WHERE `+scopeWhere+` AND NOT c.compliant`,
		year, scope.Exact, scope.Prefix).Scan(&total); err != nil {
		return nil, 0, err
	}
	rows, err := s.Pool.Query(ctx, shortSelect+` LIMIT $4 OFFSET $5`, year, scope.Exact, scope.Prefix,
		pageSize, (page-1)*pageSize)
	if err != nil {
		return nil, 0, err
	}
	out, err := pgx.CollectRows(rows, scanShort)
	if out == nil {
		out = []ShortPerson{}
	}
	return out, total, err
}

// EachShortPerson calls fn for every person short in year within scope,
// streaming the rows (for an export).
func (s *Store) EachShortPerson(ctx context.Context, year int, scope RegionScope, fn func(ShortPerson) error) error {
	rows, err := s.Pool.Query(ctx, shortSelect, year, scope.Exact, scope.Prefix)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		sp, err := scanShort(rows)
		if err != nil {
			return err
		}
		if err := fn(sp); err != nil {
			return err
		}
	}
	return rows.Err()
}

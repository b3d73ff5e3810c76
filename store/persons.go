package store

import (
	"context"
	"time"
)

// Person is a registered accounting professional.
type Person struct {
	ID                  int64     `json:"id"`
	IDNumber            string    `json:"id_number"`
	Name                string    `json:"name"`
	Region              string    `json:"region"`
	TitleLevel          string    `json:"title_level"`
	ObligationStartYear int       `json:"obligation_start_year"`
	CreatedAt           time.Time `json:"created_at"`
}

const personColumns = `id, id_number, name, region, title_level, obligation_start_year, created_at`

func scanPerson(row rowScanner) (Person, error) {
	var p Person
	err := row.Scan(&p.ID, &p.IDNumber, &p.Name, &p.Region, &p.TitleLevel, &p.ObligationStartYear, &p.CreatedAt)
	return p, err
}

// CreatePerson registers a person; a second one with the same ID-card number
// is ErrDuplicate.
func CreatePerson(ctx context.Context, q Querier, p Person) (Person, error) {
	out, err := scanPerson(q.QueryRow(ctx, `
		INSERT INTO persons (id_number, name, region, title_level, obligation_start_year)
		VALUES ($1, $2, $3, $4, $5)
		RETURNING `+personColumns, p.IDNumber, p.Name, p.Region, p.TitleLevel, p.ObligationStartYear))
	if isUniqueViolation(err) {
		return Person{}, ErrDuplicate
	}
	return out, err
}

// Person returns one person by id.
func (s *Store) Person(ctx context.Context, id int64) (Person, error) {
	p, err := scanPerson(s.Pool.QueryRow(ctx, `SELECT `+personColumns+` FROM persons WHERE id = $1`, id))
	return p, notFound(err)
}

// PersonIDsByNumber maps each registered ID-card number of idNumbers to its
// person id, in one query.
func (s *Store) PersonIDsByNumber(ctx context.Context, idNumbers []string) (map[string]int64, error) {
	rows, err := s.Pool.Query(ctx, `SELECT id_number, id FROM persons WHERE id_number = ANY($1)`, idNumbers)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[string]int64, len(idNumbers))
	for rows.Next() {
		var num string
		var id int64
		if err := rows.Scan(&num, &id); err != nil {
			return nil, err
		}
		out[num] = id
	}
	return out, rows.Err()
}

package store

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/liaoning-finance/cpe/calendar"
)

// PutCalendarYear replaces the holiday data of one year; run it in a
// transaction so readers never see a half-loaded year.
func PutCalendarYear(ctx context.Context, tx Querier, y calendar.Year) error {
	if _, err := tx.Exec(ctx, `DELETE FROM calendar_years WHERE year = $1`, y.Year); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO calendar_years (year) VALUES ($1)`, y.Year); err != nil {
		return err
	}
	batch := &pgx.Batch{}
	for _, d := range y.DaysOff {
		batch.Queue(`INSERT INTO calendar_days (day, year, kind) VALUES ($1::date, $2, 'day_off')`, d.String(), y.Year)
	}
	for _, d := range y.Workdays {
		batch.Queue(`INSERT INTO calendar_days (day, year, kind) VALUES ($1::date, $2, 'workday')`, d.String(), y.Year)
	}
	return tx.SendBatch(ctx, batch).Close()
}

// Calendar loads every year of holiday data into a calendar.
func (s *Store) Calendar(ctx context.Context) (*calendar.Calendar, error) {
	rows, err := s.Pool.Query(ctx, `SELECT y.year, d.day::text, d.kind
		FROM calendar_years y LEFT JOIN calendar_days d ON d.year = y.year ORDER BY y.year, d.day`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byYear := map[int]*calendar.Year{}
	var order []int
	for rows.Next() {
		var year int
		var day, kind *string
		if err := rows.Scan(&year, &day, &kind); err != nil {
			return nil, err
		}
		y, ok := byYear[year]
		if !ok {
			y = &calendar.Year{Year: year}
			byYear[year] = y
			order = append(order, year)
		}
		if day == nil {
			continue
		}
		d, err := calendar.ParseDate(*day)
		if err != nil {
			return nil, err
		}
		if *kind == "workday" {
			y.Workdays = append(y.Workdays, d)
		} else {
			y.DaysOff = append(y.DaysOff, d)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	years := make([]calendar.Year, 0, len(order))
	for _, y := range order {
		years = append(years, *byYear[y])
	}
	return calendar.New(years...), nil
}

package api

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5"

	"github.com/liaoning-finance/cpe/calendar"
	"github.com/liaoning-finance/cpe/policy"
	"github.com/liaoning-finance/cpe/store"
)

// pathYear parses the :year path parameter.
func pathYear(c *gin.Context) (int, bool) {
	y, err := strconv.Atoi(c.Param("year"))
	if err != nil || y < 2000 || y > 2100 {
		failField(c, "year", "want a year from 2000 to 2100")
		return 0, false
	}
	return y, true
}

// putCalendar loads the holiday data of one year (PUT /v1/admin/calendar/{year}).
func (s *Server) putCalendar(c *gin.Context) {
	year, ok := pathYear(c)
	if !ok {
		return
	}
	var y calendar.Year
	if !bindJSON(c, &y) {
		return
	}
	if y.Year == 0 {
		y.Year = year
	}
	if y.Year != year {
		failField(c, "year", "the body's year differs from the path's")
		return
	}
	if err := y.Validate(); err != nil {
		failField(c, "days_off", err.Error())
		return
	}
	ok = s.audited(c, "calendar.put", "calendar", "", func(tx pgx.Tx) (string, any, error) {
		return strconv.Itoa(year), y, store.PutCalendarYear(c, tx, y)
	})
	if ok {
		c.JSON(http.StatusOK, y)
	}
}

func (s *Server) getPolicy(c *gin.Context) {
	year, ok := pathYear(c)
	if !ok {
		return
	}
	if p, err := s.Store.Policy(c, year); found(c, err, "no policy for "+strconv.Itoa(year)) {
		c.JSON(http.StatusOK, p)
	}
}

// putPolicy stores the whole policy of a year (PUT /v1/admin/policy/{year}).
func (s *Server) putPolicy(c *gin.Context) {
	year, ok := pathYear(c)
	if !ok {
		return
	}
	var p policy.Policy
	if !bindJSON(c, &p) {
		return
	}
	if p.Year != year {
		failField(c, "year", "the body's year differs from the path's")
		return
	}
	if p.Province != store.Province {
		failField(c, "province", "this deployment serves province "+store.Province)
		return
	}
	if err := p.Validate(); err != nil {
		failField(c, "policy", err.Error())
		return
	}
	ok = s.audited(c, "policy.put", "policy", "", func(tx pgx.Tx) (string, any, error) {
		return strconv.Itoa(year), p, store.PutPolicy(c, tx, p)
	})
	if ok {
		c.JSON(http.StatusOK, p)
	}
}

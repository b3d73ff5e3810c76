package api

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/liaoning-finance/cpe/calendar"
)

// deadline answers GET /v1/calendar/deadline?from=YYYY-MM-DD&working_days=N.
func (s *Server) deadline(c *gin.Context) {
	from, err := calendar.ParseDate(c.Query("from"))
	if err != nil {
		failField(c, "from", "want a date YYYY-MM-DD")
		return
	}
	n, err := strconv.Atoi(c.Query("working_days"))
	if err != nil || n < 1 || n > 1000 {
		failField(c, "working_days", "want a whole number from 1 to 1000")
		return
	}
	cal, err := s.Store.Calendar(c)
	if err != nil {
		failInternal(c, err)
		return
	}
	d, err := cal.AddWorkingDays(from, n)
	if err != nil {
		failField(c, "working_days", err.Error())
		return
	}
	c.JSON(http.StatusOK, d)
}

package api

import (
	"context"
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/temporal"

	"github.com/liaoning-finance/cpe/workflows"
)

// failTemporal answers an error of a workflow start or Update of a filing
// or claim (noun): a refusal by a validator by its type (403, 409, 400 with
// the field, 422 with the rule), a finished workflow with 409, and Temporal
// being unreachable or slow with 503.
func failTemporal(c *gin.Context, noun string, err error) {
	var appErr *temporal.ApplicationError
	var notFound *serviceerror.NotFound
	switch {
	case errors.As(err, &appErr):
		failRefusal(c, appErr)
	case errors.As(err, &notFound):
		fail(c, http.StatusConflict, "conflict", "the "+noun+"'s process has ended; it takes no more changes")
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		fail(c, http.StatusServiceUnavailable, "unavailable", "the workflow service did not answer in time; retry with the same Idempotency-Key")
	default:
		_ = c.Error(err)
		fail(c, http.StatusServiceUnavailable, "unavailable", "the workflow service is unavailable; retry with the same Idempotency-Key")
	}
}

// failRefusal answers an Update refused by its validator or handler.
func failRefusal(c *gin.Context, appErr *temporal.ApplicationError) {
	var detail workflows.ErrorDetail
	if appErr.HasDetails() {
		_ = appErr.Details(&detail)
	}
	switch appErr.Type() {
	case workflows.ErrForbidden:
		fail(c, http.StatusForbidden, "forbidden", appErr.Message())
	case workflows.ErrConflict:
		fail(c, http.StatusConflict, "conflict", appErr.Message())
	case workflows.ErrInvalid:
		c.AbortWithStatusJSON(http.StatusBadRequest, ErrorBody{Error: ErrorDetail{Code: "invalid_input",
			Field: detail.Field, Message: appErr.Message()}})
	case workflows.ErrRuleViolation:
		failRule(c, detail.Rule, appErr.Message())
	default:
		failInternal(c, appErr)
	}
}

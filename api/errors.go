package api

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/liaoning-finance/cpe/store"
)

// ErrorBody is the JSON shape of every error response.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail names what went wrong: a stable code and a message for people.
type ErrorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	// Field is the offending input field of a 400, when there is one.
	Field string `json:"field,omitempty"`
	// Rule is the violated rule of a 422.
	Rule string `json:"rule,omitempty"`
	// Rows lists every row error of a rejected records upload.
	Rows any `json:"rows,omitempty"`
}

// fail writes an error response and stops the handler chain.
func fail(c *gin.Context, status int, code, message string) {
	c.AbortWithStatusJSON(status, ErrorBody{Error: ErrorDetail{Code: code, Message: message}})
}

// failField answers 400 naming the bad input field.
func failField(c *gin.Context, field, message string) {
	c.AbortWithStatusJSON(http.StatusBadRequest, ErrorBody{Error: ErrorDetail{
		Code: "invalid_input", Field: field, Message: field + ": " + message}})
}

// failRule answers 422 naming the violated rule.
func failRule(c *gin.Context, rule, message string) {
	c.AbortWithStatusJSON(http.StatusUnprocessableEntity, ErrorBody{Error: ErrorDetail{
		Code: "rule_violation", Rule: rule, Message: message}})
}

// failInternal logs err and answers 500 without leaking details.
func failInternal(c *gin.Context, err error) {
	_ = c.Error(err)
	fail(c, http.StatusInternalServerError, "internal", "internal error; the request id is "+c.GetString(requestIDKey))
}

// found answers 404 with message when err is store.ErrNotFound, and 500 for
// any other error; it reports whether err is nil.
func found(c *gin.Context, err error, message string) bool {
	switch {
	case err == nil:
		return true
	case errors.Is(err, store.ErrNotFound):
		fail(c, http.StatusNotFound, "not_found", message)
	default:
		failInternal(c, err)
	}
	return false
}

// limitBody caps the request body at n bytes; reading past it fails with a
// *http.MaxBytesError (see isTooLarge).
func limitBody(c *gin.Context, n int64) {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, n)
}

// isTooLarge reports whether err comes from a body over its limit.
func isTooLarge(err error) bool {
	var mbe *http.MaxBytesError
	return errors.As(err, &mbe)
}

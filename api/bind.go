package api

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/gin-gonic/gin"
)

// maxJSONBody is the size limit of an ordinary JSON request body.
const maxJSONBody = 1 << 20

// bindJSON decodes the request body into v, answering 400 (naming the field
// where it can) or 413 itself; it reports whether the handler may go on.
func bindJSON(c *gin.Context, v any) bool {
	limitBody(c, maxJSONBody)
	dec := json.NewDecoder(c.Request.Body)
	err := dec.Decode(v)
	if err == nil {
		return true
	}
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case isTooLarge(err):
		fail(c, http.StatusRequestEntityTooLarge, "too_large", "request body over 1 MiB")
	case errors.Is(err, io.EOF):
		fail(c, http.StatusBadRequest, "invalid_input", "empty request body: a JSON object is required")
	case errors.As(err, &typeErr):
		failField(c, typeErr.Field, "want a JSON "+typeErr.Type.String()+", got "+typeErr.Value)
	case errors.As(err, &syntaxErr):
		fail(c, http.StatusBadRequest, "invalid_input", "malformed JSON: "+err.Error())
	default:
		fail(c, http.StatusBadRequest, "invalid_input", "malformed JSON: "+err.Error())
	}
	return false
}

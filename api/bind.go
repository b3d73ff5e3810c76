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
	err := json.NewDecoder(c.Request.Body).Decode(v)
	if err != nil {
		failJSON(c, err)
	}
	return err == nil
}

// failJSON answers an error of decoding a JSON request body: 413 for a
// body over its limit, else 400, naming the field where it can.
func failJSON(c *gin.Context, err error) {
	var typeErr *json.UnmarshalTypeError
	switch {
	case isTooLarge(err):
		fail(c, http.StatusRequestEntityTooLarge, "too_large", "request body over 1 MiB")
	case errors.Is(err, io.EOF):
		fail(c, http.StatusBadRequest, "invalid_input", "empty request body: a JSON object is required")
	case errors.As(err, &typeErr):
		failField(c, typeErr.Field, "want a JSON "+typeErr.Type.String()+", got "+typeErr.Value)
	default:
		fail(c, http.StatusBadRequest, "invalid_input", "malformed JSON: "+err.Error())
	}
}

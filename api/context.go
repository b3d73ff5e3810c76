package api

import (
	"context"
	"time"

	"github.com/gin-gonic/gin"
)

// contextWithTimeout bounds the work of one request.
func contextWithTimeout(c *gin.Context, d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(c.Request.Context(), d)
}

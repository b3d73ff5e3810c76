package api

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/gin-gonic/gin"

	"github.com/liaoning-finance/cpe/store"
)

// maxProofSize is the size limit of one proof file.
const maxProofSize = 10 << 20

// proofTypes are the accepted proof file types, as detected from the
// content.
var proofTypes = []string{"application/pdf", "image/jpeg", "image/png"}

// uploadProof answers POST /v1/claims/{id}/proofs: a PDF, JPEG or PNG file
// of at most 10 MiB, as the multipart field "file" or as the raw body (name
// in ?filename=). The type is detected from the content, never from the
// name or the Content-Type header. The file is stored in PostgreSQL with
// its SHA-256 (see store.AddProof); the same content again answers 200
// with the stored proof, a new one 201. The content itself makes a repeat
// idempotent; an Idempotency-Key is still checked as on every mutating
// request.
func (s *Server) uploadProof(c *gin.Context) {
	cl, ok := s.loadClaim(c)
	if !ok {
		return
	}
	if _, ok := idempotencyKey(c); !ok {
		return
	}
	limitBody(c, maxProofSize+1<<20)
	content, filename, ok := readProof(c)
	if !ok {
		return
	}
	ctype := http.DetectContentType(content)
	if !slices.Contains(proofTypes, ctype) {
		c.AbortWithStatusJSON(http.StatusUnsupportedMediaType, ErrorBody{Error: ErrorDetail{Code: "unsupported_media_type",
			Field: "file", Message: "file: the content is " + ctype + "; a proof is a PDF, JPEG or PNG file"}})
		return
	}
	p, created, err := s.Store.AddProof(c, cl.ID, filename, ctype, content, actorOf(principal(c)))
	switch {
	case errors.Is(err, store.ErrClaimClosed):
		fail(c, http.StatusConflict, "conflict", "the claim is "+cl.Stage+": it takes no more proof files")
	case errors.Is(err, store.ErrTooManyProofs):
		failRule(c, "proof.max_files", fmt.Sprintf("a claim holds at most %d proof files", store.MaxProofsPerClaim))
	case err != nil:
		failInternal(c, err)
	case created:
		c.JSON(http.StatusCreated, p)
	default:
		c.JSON(http.StatusOK, p)
	}
}

// readProof reads the uploaded file and its name, answering 400 or 413
// itself; it reports whether the handler may go on.
func readProof(c *gin.Context) ([]byte, string, bool) {
	src, filename := io.Reader(c.Request.Body), c.Query("filename")
	if mt, _, _ := mime.ParseMediaType(c.GetHeader("Content-Type")); mt == "multipart/form-data" {
		part, ok := filePart(c)
		if !ok {
			return nil, "", false
		}
		defer part.Close()
		src, filename = part, part.FileName()
	}
	content, err := io.ReadAll(io.LimitReader(src, maxProofSize+1))
	switch {
	case isTooLarge(err) || len(content) > maxProofSize:
		fail(c, http.StatusRequestEntityTooLarge, "too_large", "a proof file is at most 10 MiB")
	case err != nil:
		fail(c, http.StatusBadRequest, "invalid_input", "file: the upload broke off: "+err.Error())
	case len(content) == 0:
		failField(c, "file", "the file is empty")
	default:
		return content, cleanFilename(filename), true
	}
	return nil, "", false
}

// filePart finds the multipart field "file".
func filePart(c *gin.Context) (*multipart.Part, bool) {
	mr, err := c.Request.MultipartReader()
	if err != nil {
		failField(c, "file", "malformed multipart body: "+err.Error())
		return nil, false
	}
	for {
		part, err := mr.NextPart()
		switch {
		case isTooLarge(err):
			fail(c, http.StatusRequestEntityTooLarge, "too_large", "a proof file is at most 10 MiB")
			return nil, false
		case err != nil:
			failField(c, "file", `send the file in the multipart field "file"`)
			return nil, false
		case part.FormName() == "file":
			return part, true
		}
		_ = part.Close()
	}
}

// cleanFilename keeps the last path element of a client's file name,
// without control characters, at most maxTextLength characters.
func cleanFilename(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.TrimSpace(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, name))
	if r := []rune(name); len(r) > maxTextLength {
		name = string(r[:maxTextLength])
	}
	return name
}

// listProofs answers GET /v1/claims/{id}/proofs with the files' metadata.
func (s *Server) listProofs(c *gin.Context) {
	cl, ok := s.loadClaim(c)
	if !ok {
		return
	}
	items, err := s.Store.Proofs(c, cl.ID)
	if err != nil {
		failInternal(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}

// downloadProof answers GET /v1/claims/{id}/proofs/{proof_id} with the file
// as stored, and audits who read it.
func (s *Server) downloadProof(c *gin.Context) {
	cl, ok := s.loadClaim(c)
	if !ok {
		return
	}
	proofID, err := strconv.ParseInt(c.Param("proof_id"), 10, 64)
	if err != nil || proofID <= 0 {
		fail(c, http.StatusNotFound, "not_found", "no such proof: "+c.Param("proof_id"))
		return
	}
	p, content, err := s.Store.ProofContent(c, cl.ID, proofID)
	if !found(c, err, "no such proof of this claim") {
		return
	}
	if err := s.auditTx(c, s.Store.Pool, "claim.proof.download", "claim", strconv.FormatInt(cl.ID, 10),
		map[string]any{"proof_id": p.ID}); err != nil {
		failInternal(c, err)
		return
	}
	name := p.Filename
	if name == "" {
		name = fmt.Sprintf("claim-%d-proof-%d", cl.ID, p.ID)
	}
	c.Header("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	c.Header("X-Content-Type-Options", "nosniff")
	c.Header("Cache-Control", "private, no-store")
	c.Header("ETag", `"`+p.SHA256+`"`)
	c.Data(http.StatusOK, p.ContentType, content)
}

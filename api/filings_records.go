package api

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/liaoning-finance/cpe/records"
	"github.com/liaoning-finance/cpe/store"
	"github.com/liaoning-finance/cpe/workflows"
)

// Limits of an attendance-records upload.
const (
	maxRecordsBody = 20 << 20
	maxRecordRows  = 20000
)

// RecordsResponse is the body of a successful records upload.
type RecordsResponse struct {
	Batch  store.RecordBatch `json:"batch"`
	Filing store.Filing      `json:"filing"`
}

// uploadRecords takes a filing's attendance records (JSON rows, CSV or
// XLSX; the raw body or the multipart field "file"), validates every row and
// stores the batch in one transaction (all rows or, with any row error,
// none: 422 lists every error), then hands it to the filing's workflow.
func (s *Server) uploadRecords(c *gin.Context) {
	f, ok := s.loadFiling(c)
	if !ok {
		return
	}
	if f.Stage != store.StageAwaitingRecords && f.Stage != store.StageRecordsReturned {
		fail(c, http.StatusConflict, "conflict", "the filing is at stage "+f.Stage+": it takes attendance records after the training ends, until they are in review")
		return
	}
	limitBody(c, maxRecordsBody)
	body, contentType, filename, ok := recordsBody(c)
	if !ok {
		return
	}
	br := bufio.NewReader(body)
	head, err := br.Peek(512)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		failUpload(c, err)
		return
	}
	mediaType := records.DetectType(contentType, filename, head)
	rows, err := records.Parse(mediaType, br, maxRecordRows)
	if err != nil {
		failUpload(c, err)
		return
	}
	var persons map[string]int64
	rowErrs, err := records.Validate(rows, records.Check{FiledCredits: f.Credits, Category: f.Category,
		Registered: func(ids []string) (map[string]bool, error) {
			var err error
			if persons, err = s.Store.PersonIDsByNumber(c, ids); err != nil {
				return nil, err
			}
			known := make(map[string]bool, len(persons))
			for id := range persons {
				known[id] = true
			}
			return known, nil
		}})
	if err != nil {
		failInternal(c, err)
		return
	}
	if len(rowErrs) > 0 {
		c.AbortWithStatusJSON(http.StatusUnprocessableEntity, ErrorBody{Error: ErrorDetail{Code: "rule_violation",
			Rule: "records_rows", Rows: rowErrs,
			Message: fmt.Sprintf("%d problem(s) in the upload; nothing was stored: correct every row listed and upload again", len(rowErrs))}})
		return
	}
	stored := make([]store.RecordRow, len(rows))
	for i, r := range rows {
		stored[i] = store.RecordRow{Line: r.Line, PersonID: persons[r.IDNumber], Credits: r.Credits, Category: f.Category}
	}
	p := principal(c)
	key := c.GetHeader("Idempotency-Key")
	batch, _, err := s.Store.CreateRecordBatch(c, store.RecordBatch{FilingID: f.ID, ContentType: mediaType, Filename: filename},
		stored, actorOf(p), key)
	if err != nil {
		failInternal(c, err)
		return
	}
	if !s.update(c, filingProcess(f), workflows.RecordsUpdate, fmt.Sprintf("records:%d:batch:%d", p.AccountID, batch.ID),
		workflows.RecordsRequest{Actor: actorOf(p), BatchID: batch.ID}) {
		if err := s.Store.DiscardRecordBatch(c, batch.ID); err != nil {
			_ = c.Error(err)
		}
		return
	}
	out, err := s.Store.GetFiling(c, f.ID)
	if err != nil {
		failInternal(c, err)
		return
	}
	c.JSON(http.StatusCreated, RecordsResponse{Batch: batch, Filing: out})
}

// recordsBody returns the upload: the multipart part "file", or the raw
// body, with its declared type and file name.
func recordsBody(c *gin.Context) (io.Reader, string, string, bool) {
	contentType := c.GetHeader("Content-Type")
	mt, _, _ := mime.ParseMediaType(contentType)
	if !strings.HasPrefix(mt, "multipart/") {
		return c.Request.Body, contentType, "", true
	}
	mr, err := c.Request.MultipartReader()
	if err != nil {
		failField(c, "file", "malformed multipart body: "+err.Error())
		return nil, "", "", false
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			failField(c, "file", `the multipart body has no part named "file"`)
			return nil, "", "", false
		}
		if err != nil {
			failUpload(c, err)
			return nil, "", "", false
		}
		if part.FormName() == "file" {
			return part, part.Header.Get("Content-Type"), part.FileName(), true
		}
	}
}

// failUpload answers a failed read or parse of an upload.
func failUpload(c *gin.Context, err error) {
	switch {
	case isTooLarge(err):
		fail(c, http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("the upload is over %d MiB", maxRecordsBody>>20))
	case errors.Is(err, records.ErrTooManyRows):
		fail(c, http.StatusRequestEntityTooLarge, "too_large", err.Error())
	case errors.Is(err, records.ErrUnsupportedType):
		fail(c, http.StatusUnsupportedMediaType, "unsupported_media_type", err.Error())
	case errors.Is(err, records.ErrMalformed):
		failField(c, "file", err.Error())
	default:
		fail(c, http.StatusBadRequest, "invalid_input", "could not read the upload: "+err.Error())
	}
}

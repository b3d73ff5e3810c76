package api

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/json"
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
// The Idempotency-Key of an upload that stored a batch repeats that upload
// (the same parsed rows, see uploadHash) at any stage: it answers 201 with
// that batch and the filing as it is now; with other rows it is 409.
func (s *Server) uploadRecords(c *gin.Context) {
	f, key, ok := s.loadFilingForChange(c)
	if !ok {
		return
	}
	prev, seen, ok := s.batchOfKey(c, f.ID, key)
	if !ok {
		return
	}
	if !seen && f.Stage != store.StageAwaitingRecords && f.Stage != store.StageRecordsReturned {
		fail(c, http.StatusConflict, "conflict", "the filing is at stage "+f.Stage+": it takes attendance records after the training ends, until they are in review")
		return
	}
	rows, mediaType, filename, ok := readRecords(c)
	if !ok {
		return
	}
	hash, err := uploadHash(rows)
	if err != nil {
		failInternal(c, err)
		return
	}
	batch := prev
	if seen && !bytes.Equal(prev.RequestHash, hash) {
		failUploadKeyReused(c)
		return
	}
	if !seen {
		if batch, ok = s.storeRecords(c, f, rows, store.RecordBatch{FilingID: f.ID, ContentType: mediaType,
			Filename: filename, RequestHash: hash}, key); !ok {
			return
		}
	}
	p := principal(c)
	// A batch still "uploaded" is not taken yet (also when a retry finds
	// it): hand it over; the update id makes a repeat take effect once.
	if batch.Status == store.BatchUploaded && !s.update(c, filingProcess(f), workflows.RecordsUpdate,
		fmt.Sprintf("records:%d:batch:%d", p.AccountID, batch.ID), workflows.RecordsRequest{Actor: actorOf(p), BatchID: batch.ID}) {
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
	c.JSON(http.StatusCreated, RecordsResponse{Batch: batch, Filing: shownTo(p, out)})
}

// batchOfKey returns the batch of filing stored under the caller's
// Idempotency-Key key and whether there is one (never without a key).
func (s *Server) batchOfKey(c *gin.Context, filing int64, key string) (store.RecordBatch, bool, bool) {
	if key == "" {
		return store.RecordBatch{}, false, true
	}
	b, err := s.Store.RecordBatchByKey(c, filing, key)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return b, false, true
	case err != nil:
		failInternal(c, err)
		return b, false, false
	}
	return b, true, true
}

// readRecords reads and parses the upload, answering 400, 413 or 415
// itself: its rows, detected media type and file name.
func readRecords(c *gin.Context) ([]records.Row, string, string, bool) {
	limitBody(c, maxRecordsBody)
	body, contentType, filename, ok := recordsBody(c)
	if !ok {
		return nil, "", "", false
	}
	br := bufio.NewReader(body)
	head, err := br.Peek(512)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		failUpload(c, err)
		return nil, "", "", false
	}
	mediaType := records.DetectType(contentType, filename, head)
	rows, err := records.Parse(mediaType, br, maxRecordRows)
	if err != nil {
		failUpload(c, err)
		return nil, "", "", false
	}
	return rows, mediaType, filename, true
}

// uploadHash is the SHA-256 of the parsed rows of an upload (line, ID
// number, name, credits, category): what its Idempotency-Key is bound to,
// whatever the format (CSV, XLSX or JSON) or multipart framing.
func uploadHash(rows []records.Row) ([]byte, error) {
	raw, err := json.Marshal(rows)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(raw)
	return sum[:], nil
}

// failUploadKeyReused answers 409: the Idempotency-Key stored a batch of
// other rows.
func failUploadKeyReused(c *gin.Context) {
	fail(c, http.StatusConflict, "conflict",
		"Idempotency-Key reused with a different upload: send corrected records under a new key")
}

// storeRecords validates rows against filing f and the registry, answering
// 422 with every row error, and stores them as batch b under key (see
// store.CreateRecordBatch); it returns the batch stored.
func (s *Server) storeRecords(c *gin.Context, f store.Filing, rows []records.Row, b store.RecordBatch, key string) (store.RecordBatch, bool) {
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
		return b, false
	}
	if len(rowErrs) > 0 {
		c.AbortWithStatusJSON(http.StatusUnprocessableEntity, ErrorBody{Error: ErrorDetail{Code: "rule_violation",
			Rule: "records_rows", Rows: rowErrs,
			Message: fmt.Sprintf("%d problem(s) in the upload; nothing was stored: correct every row listed and upload again", len(rowErrs))}})
		return b, false
	}
	stored := make([]store.RecordRow, len(rows))
	for i, r := range rows {
		stored[i] = store.RecordRow{Line: r.Line, PersonID: persons[r.IDNumber], Credits: r.Credits, Category: f.Category}
	}
	batch, _, err := s.Store.CreateRecordBatch(c, b, stored, actorOf(principal(c)), key)
	switch {
	case errors.Is(err, store.ErrKeyReused):
		failUploadKeyReused(c)
		return batch, false
	case err != nil:
		failInternal(c, err)
		return batch, false
	}
	return batch, true
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

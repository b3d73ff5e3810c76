package integration

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/liaoning-finance/cpe/store"
)

// TestTenThousandRowXLSXUpload sends 10,000 attendance rows as an XLSX file
// in a multipart form, as a browser would, and takes them to the ledger.
func TestTenThousandRowXLSXUpload(t *testing.T) {
	s := startStack(t)
	instID := s.institution("大批量培训中心", "210102")
	inst := s.account(map[string]any{"role": "institution", "institution_id": instID})
	county := s.account(map[string]any{"role": "reviewer", "region": "210102"})
	ids := registerPersons(t, s, 10000)
	f := fileTraining(t, s, inst, county, 3*time.Second, true)
	path := fmt.Sprintf("/v1/filings/%d", f.ID)

	book := excelize.NewFile()
	sw, err := book.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	if err := sw.SetRow("A1", []any{"身份证号", "姓名", "学分", "科目类别"}); err != nil {
		t.Fatal(err)
	}
	for i, id := range ids {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, []any{id, fmt.Sprintf("学员%d", i), 6.5, "专业科目"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var form bytes.Buffer
	mw := multipart.NewWriter(&form)
	part, err := mw.CreateFormFile("file", "培训记录.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if err := book.Write(part); err != nil {
		t.Fatal(err)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}

	s.awaitStage(time.Minute, path, inst, store.StageAwaitingRecords)
	var up struct {
		Batch  store.RecordBatch `json:"batch"`
		Filing store.Filing      `json:"filing"`
	}
	s.must(http.StatusCreated, request{method: "POST", path: path + "/records", token: inst, body: form.Bytes(),
		ctype: mw.FormDataContentType()}, &up)
	if up.Batch.RowCount != len(ids) || up.Filing.Stage != store.StageRecordsReview {
		t.Fatalf("upload: %d rows, stage %s", up.Batch.RowCount, up.Filing.Stage)
	}
	s.must(http.StatusOK, request{method: "POST", path: path + "/decisions", token: county,
		body: map[string]any{"step": "records", "decision": "approve"}}, nil)
	var n int
	var total float64
	if err := s.store.Pool.QueryRow(context.Background(), `SELECT count(*), coalesce(sum(credits), 0)::float8
		FROM credit_ledger WHERE source_ref LIKE $1 AND category = 'professional'`,
		fmt.Sprintf("filing:%d:%%", f.ID)).Scan(&n, &total); err != nil {
		t.Fatal(err)
	}
	if n != len(ids) || total != 6.5*float64(len(ids)) {
		t.Fatalf("ledger: %d entries, %.1f credits; want %d and %.1f", n, total, len(ids), 6.5*float64(len(ids)))
	}
}

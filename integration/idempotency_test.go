package integration

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/liaoning-finance/cpe/store"
)

// TestKeysRepeatTheSameRequestOnly retries a records upload and a records
// decision with their Idempotency-Keys through HTTP and the workflow: a
// retry after success answers as the first time did (201 with the same
// batch, also once the filing has completed); the key with corrected rows
// or another decision is 409, and nothing is stored or decided twice.
func TestKeysRepeatTheSameRequestOnly(t *testing.T) {
	s := startStack(t)
	instID := s.institution("重试培训中心", "210102")
	inst := s.account(map[string]any{"role": "institution", "institution_id": instID})
	county := s.account(map[string]any{"role": "reviewer", "region": "210102"})
	ids := registerPersons(t, s, 2)
	f := fileTraining(t, s, inst, county, 3*time.Second, true)
	path := fmt.Sprintf("/v1/filings/%d", f.ID)
	s.awaitStage(time.Minute, path, inst, store.StageAwaitingRecords)

	type uploaded struct {
		Batch  store.RecordBatch `json:"batch"`
		Filing store.Filing      `json:"filing"`
	}
	good := fmt.Sprintf("身份证号,姓名,学分\n%s,学员0,8\n%s,学员1,7.5\n", ids[0], ids[1])
	upload := func(want int, body string) (uploaded, []byte) {
		var up uploaded
		raw := s.must(want, request{method: "POST", path: path + "/records", token: inst, body: []byte(body),
			ctype: "text/csv", key: "records-1"}, &up)
		return up, raw
	}
	first, _ := upload(http.StatusCreated, good)
	if first.Filing.Stage != store.StageRecordsReview {
		t.Fatalf("first upload: %+v", first)
	}
	if again, raw := upload(http.StatusCreated, good); again.Batch.ID != first.Batch.ID || again.Filing.Stage != store.StageRecordsReview {
		t.Errorf("retried upload: %s, want batch %d", raw, first.Batch.ID)
	}
	if _, raw := upload(http.StatusConflict, strings.Replace(good, ",7.5\n", ",7\n", 1)); !strings.Contains(string(raw), "different upload") {
		t.Errorf("corrected rows under the same key: %s", raw)
	}

	approve := map[string]any{"step": "records", "decision": "approve"}
	var done store.Filing
	s.must(http.StatusOK, request{method: "POST", path: path + "/decisions", token: county, body: approve, key: "records-ok"}, &done)
	if done.Stage != store.StageCompleted {
		t.Fatalf("after the records approval: %+v", done)
	}
	raw := s.must(http.StatusConflict, request{method: "POST", path: path + "/decisions", token: county,
		body: map[string]any{"step": "records", "decision": "return", "reason": "补充"}, key: "records-ok"}, nil)
	if !strings.Contains(string(raw), "Idempotency-Key reused") {
		t.Errorf("another decision under the key: %s", raw)
	}
	var repeated store.Filing
	s.must(http.StatusOK, request{method: "POST", path: path + "/decisions", token: county, body: approve, key: "records-ok"}, &repeated)
	if repeated.Stage != store.StageCompleted || len(repeated.Decisions) != 2 {
		t.Errorf("repeated approval: %+v", repeated)
	}
	if after, raw := upload(http.StatusCreated, good); after.Batch.ID != first.Batch.ID || after.Filing.Stage != store.StageCompleted {
		t.Errorf("upload retried after completion: %s, want batch %d", raw, first.Batch.ID)
	}

	var batches, entries int
	if err := s.store.Pool.QueryRow(context.Background(), `SELECT (SELECT count(*) FROM record_batches WHERE filing_id = $1),
		(SELECT count(*) FROM credit_ledger WHERE source_ref LIKE $2)`, f.ID, fmt.Sprintf("filing:%d:%%", f.ID)).
		Scan(&batches, &entries); err != nil {
		t.Fatal(err)
	}
	if batches != 1 || entries != 2 {
		t.Errorf("%d batches and %d ledger entries, want 1 and 2", batches, entries)
	}
}

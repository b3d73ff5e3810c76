package main

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/jackc/pgx/v5"

	"github.com/liaoning-finance/cpe/config"
	"github.com/liaoning-finance/cpe/store"
)

// demoAccount is one seeded account with its token, for the printout.
type demoAccount struct {
	label, role, scope, token string
}

// demoToken derives a stable token for a demo account from the admin token,
// so every `make run` prints working tokens without storing them anywhere.
func demoToken(adminToken, label string) string {
	m := hmac.New(sha256.New, []byte(adminToken))
	m.Write([]byte(label))
	return "cpe_demo_" + base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// seedDemo creates (once) the demo institution and person and (every time)
// gives each demo account its derived token.
func seedDemo(ctx context.Context, s *store.Store, adminToken string) ([]demoAccount, error) {
	var out []demoAccount
	err := s.InTx(ctx, func(tx pgx.Tx) error {
		var f2f, person int64
		if err := tx.QueryRow(ctx, `INSERT INTO institutions (name, uscc, kind, region)
			VALUES ('沈阳市会计继续教育培训中心（演示）', '91210100MA00000060', 'face_to_face', '210100')
			ON CONFLICT (uscc) DO UPDATE SET name = EXCLUDED.name RETURNING id`).Scan(&f2f); err != nil {
			return err
		}
		if err := tx.QueryRow(ctx, `INSERT INTO persons (id_number, name, region, title_level, obligation_start_year)
			VALUES ('210102199001011237', '张三（演示）', '210102', 'intermediate', 2015)
			ON CONFLICT (id_number) DO UPDATE SET name = EXCLUDED.name RETURNING id`).Scan(&person); err != nil {
			return err
		}
		region := func(r string) *string { return &r }
		id := func(i int64) *int64 { return &i }
		want := []store.Account{
			{Label: "demo institution 沈阳", Role: "institution", InstitutionID: id(f2f)},
			{Label: "demo reviewer county 210102", Role: "reviewer", Region: region("210102")},
			{Label: "demo reviewer city 210100", Role: "reviewer", Region: region("210100")},
			{Label: "demo reviewer city 210300 (another city)", Role: "reviewer", Region: region("210300")},
			{Label: "demo reviewer province 210000", Role: "reviewer", Region: region("210000")},
			{Label: "demo supervisor city 210100", Role: "supervisor", Region: region("210100")},
			{Label: "demo supervisor province 210000", Role: "supervisor", Region: region("210000")},
			{Label: "demo accountant 张三 (210102199001011237)", Role: "accountant", PersonID: id(person)},
		}
		online, err := tx.Query(ctx, `SELECT id, name FROM institutions WHERE kind = 'online' ORDER BY id`)
		if err != nil {
			return err
		}
		for online.Next() {
			var oid int64
			var name string
			if err := online.Scan(&oid, &name); err != nil {
				return err
			}
			want = append(want, store.Account{Label: "demo online " + name, Role: "online_institution", InstitutionID: id(oid)})
		}
		if err := online.Err(); err != nil {
			return err
		}
		for _, a := range want {
			token := demoToken(adminToken, a.Label)
			got, err := store.PutAccountByLabel(ctx, tx, a, token)
			if err != nil {
				return fmt.Errorf("account %s: %w", a.Label, err)
			}
			out = append(out, demoAccount{label: a.Label, role: a.Role, scope: scopeOf(got), token: token})
		}
		return nil
	})
	return out, err
}

func scopeOf(a store.Account) string {
	switch {
	case a.InstitutionID != nil:
		return fmt.Sprintf("institution %d", *a.InstitutionID)
	case a.PersonID != nil:
		return fmt.Sprintf("person %d", *a.PersonID)
	case a.Region != nil:
		return "region " + *a.Region
	}
	return "province"
}

// printDemo prints the URLs and every demo token.
func printDemo(w io.Writer, cfg config.Config, accounts []demoAccount) {
	fmt.Fprintf(w, "\nCPE approvals is running.\n  API          http://%s  (ready: http://%s/readyz)\n  Temporal UI  http://localhost:8233\n\n", cfg.HTTPAddr, cfg.HTTPAddr)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	// The label goes last: Chinese names would skew tabwriter's columns.
	fmt.Fprintln(tw, "ROLE\tSCOPE\tTOKEN\tACCOUNT")
	fmt.Fprintf(tw, "admin\tprovince\t%s\tadmin (CPE_ADMIN_TOKEN)\n", cfg.AdminToken)
	for _, a := range accounts {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", a.role, a.scope, a.token, a.label)
	}
	_ = tw.Flush()
	fmt.Fprintln(w, "\nUse a token as: Authorization: Bearer <token>.  Ctrl-C stops everything.")
}

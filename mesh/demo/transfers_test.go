package demo_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/mesh/demo"
)

func startWith(t testing.TB, o demo.Options) *demo.Server {
	t.Helper()
	s, err := demo.StartWith(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func clientOf(s *demo.Server) *mesh.Client {
	return &mesh.Client{BaseURL: s.URL, Env: mesh.EnvCustom, Credentials: mesh.DemoCredentials}
}

const coinbaseID = "47624467-e52e-4938-a41a-7926b6c27acf"

func TestDemo_transfersPagedFilteredSorted(t *testing.T) {
	s := startWith(t, demo.Options{SettleAfter: -1})
	for i := range 25 {
		s.Books.Record(mesh.Transfer{
			ClientTransactionID: fmt.Sprintf("tx-%02d", i), UserID: "u1", Symbol: "USDC", AmountInFiat: float64(i),
			CreatedTimestamp: 1_800_000_000 + int64(i%5), // ties: five transfers a second
			From:             &mesh.TransferIntegration{ID: coinbaseID, Type: "coinbase", Name: "Coinbase"},
		}, mesh.TransferSucceeded)
	}
	c, ctx := clientOf(s), context.Background()

	page, err := c.Transfers(ctx, mesh.TransfersQuery{Count: 10, Offset: 20, OrderBy: mesh.OrderByAmountInFiat})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Transfers) != 5 || page.Total != 25 || page.More(20) || page.Transfers[0].ClientTransactionID != "tx-20" {
		t.Fatalf("last page: %d items of %d, first %+v", len(page.Transfers), page.Total, page.Transfers)
	}
	page, err = c.Transfers(ctx, mesh.TransfersQuery{})
	if err != nil || len(page.Transfers) != mesh.DefaultTransfersCount || !page.More(0) {
		t.Fatalf("default page: %v items, err %v", len(page.Transfers), err)
	}

	// newest first: the latest of the newest second
	page, err = c.Transfers(ctx, mesh.TransfersQuery{Count: 1, OrderBy: mesh.OrderByCreatedTimestamp, DescendingOrder: true})
	if err != nil || page.Transfers[0].ClientTransactionID != "tx-24" {
		t.Fatalf("newest = %+v, err %v", page.Transfers, err)
	}

	tr, raw, err := c.LatestTransfer(ctx, "tx-07")
	if err != nil || tr.ClientTransactionID != "tx-07" || !tr.Status.Is(mesh.TransferPending) || !strings.Contains(string(raw), `"tx-07"`) {
		t.Fatalf("LatestTransfer = %+v, err %v", tr, err)
	}
	if _, _, err := c.LatestTransfer(ctx, "tx-none"); err != mesh.ErrNoTransfer {
		t.Fatalf("an unknown transactionId: err = %v, want ErrNoTransfer", err)
	}

	s.Books.Settle()
	page, err = c.Transfers(ctx, mesh.TransfersQuery{Statuses: []mesh.TransferStatus{mesh.TransferSucceeded}, IntegrationIDs: []string{coinbaseID}, FromTimestamp: time.Unix(1_800_000_004, 0), Count: 100})
	if err != nil || page.Total != 5 {
		t.Fatalf("succeeded from Coinbase in the last second: %d, err %v", page.Total, err)
	}
	page, err = c.Transfers(ctx, mesh.TransfersQuery{Statuses: []mesh.TransferStatus{mesh.TransferPending}})
	if err != nil || page.Total != 0 {
		t.Fatalf("pending after settling: %d, err %v", page.Total, err)
	}
}

func TestDemo_transfersQueryRefusedAsMeshWould(t *testing.T) {
	s := start(t)
	auth := []string{"X-Client-Id", "demo-client", "X-Client-Secret", "demo-secret"}
	tests := []struct{ query, want string }{
		{"count=5", "count: is not a parameter of this endpoint (Mesh spells it Count)"},
		{"Count=101", "Count: 101 is not from 1 to 100"},
		{"Count=0", "Count: 0 is not from 1 to 100"},
		{"Count=ten", `Count: "ten" is not an integer (int32)`},
		{"Count=1&Count=2", "Count: is given 2 times"},
		{"Statuses=done", `Statuses: "done" is not a transfer status`},
		{"Statuses=pending,failed", `Statuses: "pending,failed" is not a transfer status`},
		{"Id=42", `Id: "42" is not a UUID`},
		{"UserId=" + strings.Repeat("u", 51), "UserId: is 51 characters long; Mesh allows at most 50"},
		{"FromTimestamp=2027-03-01", `FromTimestamp: "2027-03-01" is not an integer (int64)`},
		{"OrderBy=clientTransactionId", "OrderBy:"},
		{"DescendingOrder=yes", `DescendingOrder: "yes" is not true or false`},
	}
	for _, tt := range tests {
		code, _, env := call(t, s, http.MethodGet, mesh.PathTransfers+"?"+tt.query, "", auth...)
		if code != http.StatusBadRequest || env.Status != "badRequest" || env.ErrorType != "invalidField" || env.ErrorHash == "" || !strings.Contains(env.Message, tt.want) {
			t.Errorf("?%s: %d %+v, want 400 saying %q", tt.query, code, env, tt.want)
		}
	}
	if code, _, _ := call(t, s, http.MethodGet, mesh.PathTransfers, ""); code != http.StatusUnauthorized {
		t.Errorf("without keys: %d, want 401", code)
	}
	if code, _, env := call(t, s, http.MethodGet, mesh.PathTransfers+"?Statuses=Pending&Statuses=failed&IncludeRefundInformation=true", "", auth...); code != 200 || !strings.Contains(string(env.Content), `"items":[]`) {
		t.Errorf("a valid query of nothing: %d %s", code, env.Content)
	}
}

func TestDemo_transfersSettleOnTheClock(t *testing.T) {
	s := startWith(t, demo.Options{SettleAfter: 20 * time.Millisecond})
	s.Books.Record(mesh.Transfer{ClientTransactionID: "tx-clock", Hash: "0xabc"}, mesh.TransferSucceeded)
	var seen []string
	last, err := (&mesh.TransferWatch{
		Client: clientOf(s), TransactionID: "tx-clock", Interval: 5 * time.Millisecond, Timeout: time.Minute,
		OnChange: func(c mesh.TransferChange) { seen = append(seen, string(c.Transfer.Status)) },
	}).Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(seen, " "); got != "pending succeeded" || last.Transfer.ExecutedTimestamp == nil {
		t.Fatalf("seen %s, last %+v", got, last.Transfer)
	}
}

func TestDemo_status(t *testing.T) {
	s := startWith(t, demo.Options{Down: []string{"coinbase", "Phantom"}})
	got, err := clientOf(s).Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(mesh.Snapshot().Integrations) {
		t.Fatalf("%d entries, want one per catalog integration", len(got))
	}
	down := map[string]bool{}
	for _, h := range got {
		if !h.IsUp {
			down[h.DisplayName()] = h.DownTimeStart != nil && h.Description != ""
		}
		if h.DisplayName() == "MetaMask" && (h.Type != "deFiWallet" || h.DeFiWalletData == nil || h.DeFiWalletData.ID != "34aeb688-decb-485f-9d80-b66466783394") {
			t.Errorf("MetaMask = %+v, want a deFiWallet entry with its wallet id", h)
		}
	}
	if len(down) != 2 || !down["Coinbase"] || !down["Phantom"] {
		t.Errorf("down = %v, want Coinbase and Phantom, each since a time and with a description", down)
	}
	raw, _ := json.Marshal(got[0])
	if !strings.Contains(string(raw), `"supportedProducts":[`) {
		t.Errorf("entry %s lists no products", raw)
	}
}

package mesh_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/meshlink/meshlink/mesh"
)

func TestTransfersQuery_encodesMeshNamesAndArrays(t *testing.T) {
	desc, sandbox := true, false
	min, max := 10.5, 99.0
	q := mesh.TransfersQuery{
		Count: 25, Offset: 50,
		ID:                  "dd4063e5-f317-441c-3f07-08dc7353b6f8",
		ClientTransactionID: "order 42&x=1",
		UserID:              "user-123",
		IntegrationIDs:      []string{"8e25acb5-a9e2-4d00-8772-a255f010a2a9", "34aeb688-decb-485f-9d80-b66466783394"},
		Statuses:            []mesh.TransferStatus{"Pending", mesh.TransferFailed, "pending"},
		FromTimestamp:       time.Unix(1715175500, 0),
		ToTimestamp:         time.Unix(1715175519, 999),
		MinAmountInFiat:     &min, MaxAmountInFiat: &max,
		OrderBy:         mesh.OrderByCreatedTimestamp,
		DescendingOrder: desc,
		Hash:            "0xabc",
		SubClientID:     "e3c7fdd8-b1fc-4e51-85ae-bb276e075611",
		IsSandBox:       &sandbox,
	}
	if ps := q.Validate(); len(ps) > 0 {
		t.Fatalf("Validate: %v", ps)
	}
	want := "ClientTransactionId=order+42%26x%3D1&Count=25&DescendingOrder=true&FromTimestamp=1715175500&Hash=0xabc" +
		"&Id=dd4063e5-f317-441c-3f07-08dc7353b6f8" +
		"&IntegrationIds=8e25acb5-a9e2-4d00-8772-a255f010a2a9&IntegrationIds=34aeb688-decb-485f-9d80-b66466783394" +
		"&IsSandBox=false&MaxAmountInFiat=99&MinAmountInFiat=10.5&Offset=50&OrderBy=createdTimestamp" +
		"&Statuses=pending&Statuses=failed&SubClientId=e3c7fdd8-b1fc-4e51-85ae-bb276e075611&ToTimestamp=1715175519&UserId=user-123"
	if got := q.Values().Encode(); got != want {
		t.Errorf("encoded\n got %s\nwant %s", got, want)
	}
	if got := (mesh.TransfersQuery{}).Values().Encode(); got != "" {
		t.Errorf("the zero query sends %q, want nothing (Mesh's defaults)", got)
	}
}

func TestTransfersQuery_limits(t *testing.T) {
	nan, neg, lo, hi := math.NaN(), -1.0, 5.0, 4.0
	ids := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprintf("00000000-0000-0000-0000-%012d", i)
		}
		return out
	}
	tests := []struct {
		name  string
		q     mesh.TransfersQuery
		wants []string // "" for a valid query
	}{
		{"count 100", mesh.TransfersQuery{Count: 100}, nil},
		{"count 101", mesh.TransfersQuery{Count: 101}, []string{"Count: 101 is not from 1 to 100"}},
		{"count negative", mesh.TransfersQuery{Count: -1}, []string{"Count:"}},
		{"offset negative", mesh.TransfersQuery{Offset: -3}, []string{"Offset: -3 is negative"}},
		{"offset at int32's largest", mesh.TransfersQuery{Offset: math.MaxInt32}, nil},
		{"offset past int32", mesh.TransfersQuery{Offset: math.MaxInt32 + 1}, []string{"Offset: 2147483648 is past 2147483647, the largest Mesh takes"}},
		{"id not a uuid", mesh.TransfersQuery{ID: "42"}, []string{`Id: "42" is not a UUID`}},
		{"transaction id 128", mesh.TransfersQuery{ClientTransactionID: strings.Repeat("x", 128)}, nil},
		{"transaction id 129", mesh.TransfersQuery{ClientTransactionID: strings.Repeat("x", 129)}, []string{"ClientTransactionId: is 129 characters long; Mesh allows at most 128"}},
		{"transaction id counted in UTF-16", mesh.TransfersQuery{ClientTransactionID: strings.Repeat("😀", 65)}, []string{"ClientTransactionId: is 130 characters"}},
		{"user id 50", mesh.TransfersQuery{UserID: strings.Repeat("u", 50)}, nil},
		{"user id 51", mesh.TransfersQuery{UserID: strings.Repeat("u", 51)}, []string{"UserId: is 51 characters long; Mesh allows at most 50"}},
		{"control characters", mesh.TransfersQuery{UserID: "u\x1b[2J"}, []string{"UserId: holds control characters"}},
		{"100 integration ids", mesh.TransfersQuery{IntegrationIDs: ids(100)}, nil},
		{"101 integration ids", mesh.TransfersQuery{IntegrationIDs: ids(101)}, []string{"IntegrationIds: 101 ids; Mesh takes at most 100"}},
		{"integration id not a uuid", mesh.TransfersQuery{IntegrationIDs: []string{"Binance"}}, []string{`IntegrationIds: "Binance" is not a UUID`}},
		{"five statuses", mesh.TransfersQuery{Statuses: []mesh.TransferStatus{"pending", "failed", "succeeded", "pending", "failed"}}, nil},
		{"six statuses", mesh.TransfersQuery{Statuses: []mesh.TransferStatus{"pending", "failed", "succeeded", "pending", "failed", "failed"}}, []string{"Statuses: 6 statuses; Mesh takes at most 5"}},
		{"unknown status", mesh.TransfersQuery{Statuses: []mesh.TransferStatus{"done"}}, []string{`Statuses: "done" is not a transfer status: use pending, succeeded, failed`}},
		{"to before from", mesh.TransfersQuery{FromTimestamp: time.Unix(200, 0), ToTimestamp: time.Unix(100, 0)}, []string{"ToTimestamp: 1970-01-01T00:01:40Z is before FromTimestamp"}},
		{"before 1970", mesh.TransfersQuery{FromTimestamp: time.Unix(-5, 0)}, []string{"FromTimestamp: 1969"}},
		{"amount not a number", mesh.TransfersQuery{MinAmountInFiat: &nan}, []string{"MinAmountInFiat: NaN is not an amount"}},
		{"amount negative", mesh.TransfersQuery{MaxAmountInFiat: &neg}, []string{"MaxAmountInFiat: -1 is not an amount"}},
		{"max below min", mesh.TransfersQuery{MinAmountInFiat: &lo, MaxAmountInFiat: &hi}, []string{"MaxAmountInFiat: 4 is below MinAmountInFiat 5"}},
		{"order by clientTransactionId", mesh.TransfersQuery{OrderBy: "clientTransactionId"}, []string{`OrderBy: "clientTransactionId" is not a sort column: use id, clientTransferId,`}},
		{"sub-client id", mesh.TransfersQuery{SubClientID: "x"}, []string{"SubClientId:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := tt.q.Validate()
			if len(tt.wants) == 0 {
				if len(ps) > 0 {
					t.Fatalf("Validate = %v, want no problems", ps)
				}
				return
			}
			got := fmt.Sprint(ps)
			for _, w := range tt.wants {
				if !strings.Contains(got, w) {
					t.Errorf("problems %s do not say %q", got, w)
				}
			}
		})
	}
}

func TestClient_Transfers(t *testing.T) {
	item := `{"id":"dd4063e5-f317-441c-3f07-08dc7353b6f8","clientTransactionId":"order-42","status":"Succeeded","amount":25.0,"symbol":"USDC","networkName":"Ethereum","createdTimestamp":1715175500,"executedTimestamp":1715175519,"from":{"id":"8e25acb5-a9e2-4d00-8772-a255f010a2a9","type":"sandbox","name":"Sandbox","logoUrl":null},"hash":"0xabc123","futureField":{"a":[1,2]}}`
	var gotQuery, gotPath string
	f := newFakeMesh(t, func(w http.ResponseWriter, r *http.Request) {
		gotPath, gotQuery = r.URL.Path, r.URL.RawQuery
		answer(200, `{"status":"ok","content":{"items":[`+item+`],"total":7,"hasMorePages":true}}`)(w, r)
	})
	page, err := newClient(f, &sleeps{}).Transfers(context.Background(), mesh.TransfersQuery{ClientTransactionID: "order-42", Statuses: []mesh.TransferStatus{"succeeded"}})
	if err != nil {
		t.Fatal(err)
	}
	if gotPath != mesh.PathTransfers || gotQuery != "ClientTransactionId=order-42&Statuses=succeeded" {
		t.Errorf("sent %s?%s", gotPath, gotQuery)
	}
	if len(page.Transfers) != 1 || page.Total != 7 || !page.More(0) {
		t.Fatalf("page = %+v", page)
	}
	tr := page.Transfers[0]
	if !tr.Status.Is(mesh.TransferSucceeded) || !tr.Status.Final() || tr.From.Name != "Sandbox" || *tr.ExecutedTimestamp != 1715175519 {
		t.Errorf("transfer = %+v", tr)
	}
	if string(page.Raw[0]) != item {
		t.Errorf("raw item\n got %s\nwant %s (as Mesh sent it)", page.Raw[0], item)
	}
}

func TestClient_Transfers_refusesAnInvalidQueryUnsent(t *testing.T) {
	f := newFakeMesh(t, answer(200, okBody(map[string]any{"items": []any{}})))
	_, err := newClient(f, &sleeps{}).Transfers(context.Background(), mesh.TransfersQuery{Count: 500})
	if !errors.Is(err, mesh.ErrInvalidRequest) {
		t.Fatalf("err = %v, want ErrInvalidRequest", err)
	}
	wantErr(t, err, "list transfers: nothing was sent", "Count: 500")
	if f.calls.Load() != 0 {
		t.Errorf("%d calls were made", f.calls.Load())
	}
}

func TestClient_Transfers_envelopeErrors(t *testing.T) {
	f := newFakeMesh(t, answer(400, `{"status":"badRequest","message":"Count must be at most 100","displayMessage":"Bad paging","errorHash":"bf6d53f3","errorType":"invalidField"}`))
	_, err := newClient(f, &sleeps{}).Transfers(context.Background(), mesh.TransfersQuery{})
	var apiErr *mesh.APIError
	if !errors.As(err, &apiErr) || apiErr.ErrorType != "invalidField" || apiErr.ErrorHash != "bf6d53f3" {
		t.Fatalf("err = %#v", err)
	}
	wantErr(t, err, "list transfers: HTTP 400", "Count must be at most 100 — Bad paging", "Quote errorHash bf6d53f3")
}

func TestClient_Transfers_itemThatIsNotATransfer(t *testing.T) {
	f := newFakeMesh(t, answer(200, `{"status":"ok","content":{"items":[{"id":42}]}}`))
	_, err := newClient(f, &sleeps{}).Transfers(context.Background(), mesh.TransfersQuery{})
	wantErr(t, err, "item 1 is not a transfer")
}

func TestTransfersPage_More(t *testing.T) {
	yes, no := true, false
	tests := []struct {
		page   mesh.TransfersPage
		offset int
		want   bool
	}{
		{mesh.TransfersPage{Raw: make([]json.RawMessage, 10), Total: 25}, 10, true},
		{mesh.TransfersPage{Raw: make([]json.RawMessage, 5), Total: 25}, 20, false},
		{mesh.TransfersPage{Raw: nil, Total: 25}, 30, false},
		{mesh.TransfersPage{Raw: make([]json.RawMessage, 10), Total: 25, HasMorePages: &no}, 0, false},
		{mesh.TransfersPage{Raw: nil, HasMorePages: &yes}, 0, true},
	}
	for i, tt := range tests {
		if got := tt.page.More(tt.offset); got != tt.want {
			t.Errorf("%d: More(%d) = %v, want %v", i, tt.offset, got, tt.want)
		}
	}
}

func TestClient_Status(t *testing.T) {
	f := newFakeMesh(t, answer(200, `{"status":"ok","content":[
		{"type":"celsius","name":"Celsius","isUp":false,"description":"Temporarily disabled","downTimeStart":1655891444,"supportedProducts":["balance","orders","transfers","holdings"]},
		{"type":"deFiWallet","name":"DeFi Wallet","isUp":true,"deFiWalletData":{"id":"34aeb688-decb-485f-9d80-b66466783394","name":"MetaMask"}}]}`))
	got, err := newClient(f, &sleeps{}).Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].IsUp || *got[0].DownTimeStart != 1655891444 || got[1].DisplayName() != "MetaMask" {
		t.Fatalf("status = %+v", got)
	}
	if !got[0].Matches(mesh.Integration{Name: "CELSIUS"}) || !got[1].Matches(mesh.Integration{ID: "34aeb688-decb-485f-9d80-b66466783394", Name: "Meta"}) {
		t.Error("entries do not match their integrations")
	}
	if got[1].Matches(mesh.Integration{Name: "Phantom", Type: "deFiWallet"}) {
		t.Error("a deFiWallet entry matched another wallet by type")
	}
}

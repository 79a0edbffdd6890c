package wizard

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/meshlink/meshlink/mesh"
)

// sentTxIDs are the transactionIds of the link-token requests the demo
// server got, in order.
func sentTxIDs(h *harness) []string {
	h.t.Helper()
	var ids []string
	for _, r := range h.srv.Requests() {
		if r.Path != mesh.PathLinkToken {
			continue
		}
		var req mesh.LinkTokenRequest
		if err := json.Unmarshal(r.Body, &req); err != nil {
			h.t.Fatal(err)
		}
		id := ""
		if req.TransferOptions != nil {
			id = req.TransferOptions.TransactionID
		}
		ids = append(ids, id)
	}
	return ids
}

// "New ID each run" is every send: a re-send from the preview, a fetch
// after going back a step, a new use case and a fresh token each send an id
// never sent before, and the preview shows the id the next send will carry.
func TestNewIDEachSend(t *testing.T) {
	h := newHarness(t)
	fillDeposit(h)
	h.press("enter") // send
	h.wantScreen("Token")
	h.press("esc") // back to the preview, and send again
	h.wantScreen("Preview")
	next := h.setup().TransactionID
	h.wantView(`"transactionId": "` + next + `"`)
	h.press("enter")
	h.wantScreen("Token")
	h.press("esc", "esc") // back a step, then on again and send
	h.wantScreen("Destinations")
	h.press("enter", "enter")
	h.wantScreen("Token")
	h.press("f") // a fresh token
	h.wantScreen("Token")

	ids := sentTxIDs(h)
	if len(ids) != 4 {
		t.Fatalf("%d sends, want 4: %q", len(ids), ids)
	}
	seen := map[string]bool{}
	for i, id := range ids {
		if id == "" || seen[id] {
			t.Errorf("send %d carried transactionId %q, sent before: %q", i+1, id, ids)
		}
		seen[id] = true
	}
	if ids[1] != next {
		t.Errorf("the re-send carried %s, the preview showed %s", ids[1], next)
	}
	if got := top[*resultScreen](h).txID; got != ids[3] {
		t.Errorf("the result shows transactionId %s, the send carried %s", got, ids[3])
	}
}

// The same across use cases: a deposit sent, then esc back to the first
// screen and an onramp to the same destination sent.
func TestNewIDAfterAnotherUseCase(t *testing.T) {
	h := newHarness(t)
	fillDeposit(h)
	h.press("enter")
	h.wantScreen("Token")
	for h.m.top().title() != "Use case" {
		h.press("esc")
	}
	h.chooseUseCase(mesh.UseOnramp)
	h.press("enter", "enter", "enter") // details, networks, destinations: as they were
	h.wantScreen("Preview")
	h.press("enter")
	h.wantScreen("Token")
	if ids := sentTxIDs(h); len(ids) != 2 || ids[0] == ids[1] {
		t.Errorf("a deposit and then an onramp sent transactionIds %q", ids)
	}
}

// An id the user typed is theirs: every send carries it as typed.
func TestTypedTransactionIDIsKept(t *testing.T) {
	h := newHarness(t)
	fillDeposit(h)
	h.press("esc", "esc", "esc")
	h.wantScreen("Details")
	h.focusField("transferOptions.transactionId")
	h.press("ctrl+u")
	h.typ("order-7")
	h.press("enter", "enter", "enter")
	h.wantScreen("Preview")
	h.press("enter")
	h.wantScreen("Token")
	h.press("f")
	h.wantScreen("Token")
	h.press("esc")
	h.press("enter")
	h.wantScreen("Token")
	for i, id := range sentTxIDs(h) {
		if id != "order-7" {
			t.Errorf("send %d carried %q, want the typed order-7", i+1, id)
		}
	}
}

// In the accessible mode too: a request that failed went out, so the one
// sent after changing the answers carries a new transactionId.
func TestAccessibleNewIDEachSend(t *testing.T) {
	srv := startDemo(t)
	var first mesh.LinkTokenRequest
	connect := failOnceThenDemo(t, srv, &first)
	deposit := []string{
		"", "", "", "", "", "", "", // user id, transaction id, restrict, integration, fees, pay link, advanced: as they are
		"", "", "", "", "", // networks: Solana kept, done; token, address, minimum: as they are
		"", "", // minimum in USD, another destination
		"y", // send
	}
	answers := append([]string{"1", "user-9", "", "", "", "", "", "", "2", "0", "", "7dHbWXmci3dT8UFYWYZweBLXgycu7Y3iL6trKn1Y7ARj", "", "", "", "y"},
		"y") // change the answers and send again
	answers = append(append(answers, deposit...), "n")
	var out strings.Builder
	err := Run(context.Background(), Options{
		In: iotest.OneByteReader(strings.NewReader(strings.Join(answers, "\n") + "\n")), Out: &out,
		Env: mesh.EnvSandbox, Credentials: mesh.Credentials{ClientID: "id", ClientSecret: "secret"}, Accessible: true, Connect: connect,
		Getenv: func(string) string { return "" }, Now: func() time.Time { return fixedNow },
	})
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	ids := sentTxIDs(&harness{t: t, srv: srv})
	if first.TransferOptions == nil || len(ids) != 1 || ids[0] == "" || ids[0] == first.TransferOptions.TransactionID {
		t.Errorf("the failed send carried %+v, the one after it %q\n%s", first.TransferOptions, ids, out.String())
	}
}

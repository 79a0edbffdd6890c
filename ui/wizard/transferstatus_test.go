package wizard

import (
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/mesh/demo"
)

func lookingUp(o *Options) { o.LookUp = true }

// integrationLabels are the integration picker's choices on the form shown.
func integrationLabels(h *harness) []string {
	h.t.Helper()
	for _, f := range h.form().fields {
		if c, ok := f.(*choiceField); ok && c.path == "integrationId" {
			var out []string
			for _, ch := range c.choices {
				out = append(out, ch.label)
			}
			return out
		}
	}
	h.t.Fatal("no integration picker")
	return nil
}

func TestIntegrationPickerMarksWhatIsDown(t *testing.T) {
	down, err := demo.StartWith(demo.Options{Down: []string{"Coinbase", "MetaMask"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { down.Close() })
	var statusCalls atomic.Int32
	down.OnRequest = func(r demo.Request) {
		if r.Path == mesh.PathStatus {
			statusCalls.Add(1)
		}
	}
	h := newHarness(t, lookingUp)
	h.connect = demoConnect(down)
	h.m.s.healthAsked = map[mesh.Environment]bool{} // the harness's start asked the other server
	h.m.s.health = map[mesh.Environment][]mesh.IntegrationHealth{}
	h.run(h.m.s.lookHealth())
	h.chooseUseCase(mesh.UseWithdrawal)
	h.wantScreen("Details")
	labels := strings.Join(integrationLabels(h), ", ")
	for _, want := range []string{"Coinbase (down)", "MetaMask (down)", "Binance, "} {
		if !strings.Contains(labels, want) {
			t.Errorf("picker %s lacks %q", labels, want)
		}
	}
	if strings.Contains(labels, "Binance (down)") || strings.Contains(labels, "Phantom (down)") {
		t.Errorf("picker marks what is up: %s", labels)
	}
	// once a run: back and forth asks nothing more
	h.press("esc")
	h.run(h.m.s.lookHealth())
	h.chooseUseCase(mesh.UseDeposit)
	if n := statusCalls.Load(); n != 1 {
		t.Errorf("%d status requests, want 1", n)
	}
}

func TestIntegrationHealthArrivingLateRelabelsTheOpenPicker(t *testing.T) {
	h := newHarness(t) // LookUp off: nothing asked at the start
	h.chooseUseCase(mesh.UseWithdrawal)
	h.wantScreen("Details")
	if labels := strings.Join(integrationLabels(h), ","); strings.Contains(labels, "(down)") {
		t.Fatalf("marked before any answer: %s", labels)
	}
	h.send(healthLoadedMsg{env: mesh.EnvDemo, health: []mesh.IntegrationHealth{{Type: "coinbase", Name: "Coinbase", IsUp: false}}})
	if labels := strings.Join(integrationLabels(h), ","); !strings.Contains(labels, "Coinbase (down)") {
		t.Errorf("the open picker was not relabelled: %s", labels)
	}
}

func TestIntegrationHealthOfflineIsSilent(t *testing.T) {
	h := newHarness(t, lookingUp, func(o *Options) {
		o.Connect = func(mesh.Target) (*mesh.Client, error) {
			return &mesh.Client{BaseURL: "http://127.0.0.1:1", Env: mesh.EnvDemo, Credentials: mesh.DemoCredentials, MaxAttempts: 1}, nil
		}
	})
	h.chooseUseCase(mesh.UseWithdrawal)
	h.wantScreen("Details")
	if st := h.m.s.status.text; st != "" {
		t.Errorf("status %q: an offline lookup says nothing", st)
	}
	if labels := strings.Join(integrationLabels(h), ","); strings.Contains(labels, "(down)") {
		t.Errorf("%s", labels)
	}
}

// transferOf records a transfer for the result's transactionId in the
// demo server's books, as its Link stand-in would.
func transferOf(h *harness, tx string) mesh.Transfer {
	return h.srv.Books.Record(mesh.Transfer{ClientTransactionID: tx, Amount: 25, Symbol: "USDC", NetworkName: "Ethereum", Hash: "0xabc123"}, mesh.TransferSucceeded)
}

func TestResultShowsTheTransferOnceOneExists(t *testing.T) {
	now := fixedNow
	var waits []time.Duration
	h := newHarness(t, lookingUp, func(o *Options) { o.Now = func() time.Time { return now } })
	h.m.s.after = func(d time.Duration, _ tea.Msg) tea.Cmd { waits = append(waits, d); return nil }
	fillDeposit(h)
	tx := h.setup().TransactionID
	h.press("enter")
	h.wantScreen("Token")
	r := top[*resultScreen](h)
	if strings.Contains(h.view(), "transfer  ") || len(waits) != 1 || waits[0] != glanceInterval {
		t.Fatalf("before a transfer: waits %v\n%s", waits, h.view())
	}
	poll := func() { h.send(transferPollMsg{r.transfer.gen}) }
	poll()
	if waits[1] != glanceInterval*3/2 {
		t.Errorf("no change: next wait %v, want it longer", waits[1])
	}

	transferOf(h, tx)
	poll()
	h.wantView("transfer      pending")
	if strings.Contains(h.view(), "0xabc123") {
		t.Errorf("a pending transfer shows a hash Mesh would not have yet:\n%s", h.view())
	}

	// v watches live: polls at once and then often, each change listed
	h.press("v")
	h.wantView("watching the transfer of transactionId " + tx)
	h.srv.Books.Settle()
	now = now.Add(5 * time.Second)
	poll()
	h.wantView("transfer      succeeded", "12:00:00  pending", "12:00:05  succeeded")
	if last := waits[len(waits)-1]; last != mesh.DefaultWatchInterval {
		t.Errorf("watching: waits %v, want %v after v", waits, mesh.DefaultWatchInterval)
	}
	n := len(waits)
	poll()
	if len(waits) != n {
		t.Error("a final status is polled again")
	}
	h.press("v")
	if !strings.Contains(h.m.s.status.text, "the transfer is succeeded: it will not change") {
		t.Errorf("status %q", h.m.s.status.text)
	}
}

func TestResultStopsLookingWhenLeft(t *testing.T) {
	var polls atomic.Int32
	h := newHarness(t, lookingUp)
	h.srv.OnRequest = func(r demo.Request) {
		if r.Path == mesh.PathTransfers {
			polls.Add(1)
		}
	}
	fillDeposit(h)
	h.press("enter")
	h.wantScreen("Token")
	gen := top[*resultScreen](h).transfer.gen
	h.press("esc")
	h.wantScreen("Preview")
	before := polls.Load()
	h.send(transferPollMsg{gen})
	if polls.Load() != before {
		t.Error("a poll of the screen left was made")
	}
}

func TestResultWatchSurvivesFaults(t *testing.T) {
	var waits []time.Duration
	h := newHarness(t, lookingUp)
	h.m.s.after = func(d time.Duration, _ tea.Msg) tea.Cmd { waits = append(waits, d); return nil }
	fillDeposit(h)
	h.press("enter")
	h.wantScreen("Token")
	r := top[*resultScreen](h)
	h.press("v")
	h.send(transferPolledMsg{gen: r.transfer.gen, err: &mesh.APIError{Op: "list transfers", StatusCode: http.StatusTooManyRequests, RetryAfter: 7 * time.Second}})
	if last := waits[len(waits)-1]; last != 7*time.Second {
		t.Errorf("a 429's Retry-After: waits %v", waits)
	}
	h.wantView("the last look failed: list transfers: HTTP 429")
	h.send(transferPolledMsg{gen: r.transfer.gen, err: &mesh.NetworkError{Op: "list transfers", Host: "h", Err: http.ErrHandlerTimeout}})
	h.wantView("the last look failed: list transfers: cannot reach h")
	h.wantScreen("Token")
}

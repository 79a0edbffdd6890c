package demo_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/mesh/demo"
	"github.com/meshlink/meshlink/mesh/webhook"
)

const hookSecret = "demo_hook_secret_DO_NOT_USE"

// hookEndpoint answers 503 to the first fail deliveries, then 200, and
// sends each delivery it got on got.
func hookEndpoint(t *testing.T, fail int) (*httptest.Server, chan webhook.Delivery) {
	got := make(chan webhook.Delivery, 100)
	var mu sync.Mutex
	n := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if !webhook.Verify(hookSecret, body, r.Header.Get(webhook.SignatureHeader)) {
			t.Errorf("a delivery whose signature does not verify: %s", body)
		}
		d, err := webhook.Parse(body)
		if err != nil {
			t.Errorf("not a delivery: %v", err)
		}
		mu.Lock()
		n++
		failed := n <= fail
		mu.Unlock()
		if failed {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		got <- d
	}))
	t.Cleanup(srv.Close)
	return srv, got
}

func startWithHooks(t *testing.T, o demo.WebhookOptions) *demo.Server {
	o.Secret = webhook.NewSecret(webhook.SecretEnv, hookSecret)
	srv, err := demo.StartWith(demo.Options{SettleAfter: -1, Webhooks: o})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv
}

func TestDemoServerDeliversEachChangeWithRetries(t *testing.T) {
	hook, got := hookEndpoint(t, 2)
	attempts := make(chan webhook.Attempt, 100)
	srv := startWithHooks(t, demo.WebhookOptions{URL: hook.URL + "/api/mesh/webhook", RetrySchedule: []time.Duration{time.Nanosecond, time.Nanosecond, time.Nanosecond},
		OnAttempt: func(a webhook.Attempt) { attempts <- a }})
	amount := 25.0
	tr := srv.Books.Record(mesh.Transfer{ClientTransactionID: "order-42", UserID: "user-123", Symbol: "USDC", NetworkName: "Ethereum",
		Hash: "0xabc", SourceAmount: &amount, AmountToReceive: 24.5, From: &mesh.TransferIntegration{Name: "Coinbase"}}, mesh.TransferSucceeded)

	// pending: two 503s, then a 200; each attempt a new Id, one EventId.
	ids := map[string]bool{}
	var pending webhook.Delivery
	for i := range 3 {
		d := <-got
		a := <-attempts
		if d.TransferStatus != "Pending" || d.TransferID != tr.ID || d.TransactionID != "order-42" || d.UserID != "user-123" ||
			d.Token != "USDC" || d.Chain != "Ethereum" || d.SourceAmount != "25" || d.DestinationAmount != "24.5" || d.SourceAccountProvider != "Coinbase" {
			t.Fatalf("delivery %d: %+v", i, d)
		}
		if i > 0 && d.EventID != pending.EventID {
			t.Fatalf("retry %d has EventId %s, the first %s", i, d.EventID, pending.EventID)
		}
		if a.N != i+1 || a.OK() != (i == 2) || a.Last != (i == 2) {
			t.Fatalf("attempt %d reported as %+v", i, a)
		}
		pending, ids[d.ID] = d, true
	}
	if len(ids) != 3 {
		t.Fatalf("three attempts, %d Ids", len(ids))
	}
	srv.Books.Settle()
	if d := <-got; d.TransferStatus != "Succeeded" || d.EventID == pending.EventID || d.TxHash != "0xabc" {
		t.Fatalf("after Settle: %+v", d)
	}
}

func TestDemoServerDuplicatesWhenAsked(t *testing.T) {
	hook, got := hookEndpoint(t, 0)
	srv := startWithHooks(t, demo.WebhookOptions{URL: hook.URL, DuplicateEvery: 2})
	for range 3 {
		srv.Books.Record(mesh.Transfer{}, mesh.TransferFailed)
	}
	// Events 1 and 3 twice, event 2 once: five deliveries, four Ids per two EventIds.
	var events []string
	for range 5 {
		events = append(events, (<-got).EventID)
	}
	if events[0] != events[1] || events[1] == events[2] || events[2] == events[3] || events[3] != events[4] {
		t.Fatalf("EventIds in order: %v; want the first and the third events twice", events)
	}
}

// A stuck endpoint never holds up the books: deliveries past the queue
// are dropped and reported.
func TestDemoServerWebhooksNeverBlockTheBooks(t *testing.T) {
	release := make(chan struct{})
	hook := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { <-release }))
	defer hook.Close()
	defer close(release)
	dropped := make(chan struct{}, 2*demo.WebhookQueue)
	srv := startWithHooks(t, demo.WebhookOptions{URL: hook.URL, OnAttempt: func(a webhook.Attempt) {
		if a.Err == demo.ErrWebhookQueueFull {
			dropped <- struct{}{}
		}
	}})
	for range demo.WebhookQueue + 10 {
		srv.Books.Record(mesh.Transfer{}, mesh.TransferSucceeded)
	}
	<-dropped // the queue filled while the first delivery hangs; Record went on
}

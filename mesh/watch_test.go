package mesh_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/meshlink/meshlink/mesh"
)

const watchedTx = "order-42"

// transferPage answers a transfer list of one transfer in status, or of
// none when status is empty.
func transferPage(status string) http.HandlerFunc {
	if status == "" {
		return answer(200, `{"status":"ok","content":{"items":[],"total":0}}`)
	}
	return answer(200, `{"status":"ok","content":{"items":[{"id":"dd4063e5-f317-441c-3f07-08dc7353b6f8","clientTransactionId":"`+watchedTx+`","status":"`+status+`","createdTimestamp":1715175500}],"total":1}}`)
}

// dropConnection closes the connection without an answer.
func dropConnection(w http.ResponseWriter, _ *http.Request) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err == nil {
		conn.Close()
	}
}

func TestTransferWatch_followsStatusesThroughFaults(t *testing.T) {
	var queries []string
	handlers := []http.HandlerFunc{
		transferPage(""),
		transferPage("pending"),
		transferPage("pending"),
		answer(429, `{"status":"tooManyRequest","message":"slow down"}`, "Retry-After", "7"),
		dropConnection, // Go's transport sends a GET again once when its connection drops,
		dropConnection, // so the watch sees the second
		answer(503, `<html>busy</html>`),
		transferPage("Pending"), // the same status in another case is no change
		transferPage("succeeded"),
	}
	for i, h := range handlers {
		handlers[i] = func(w http.ResponseWriter, r *http.Request) {
			queries = append(queries, r.URL.RawQuery)
			h(w, r)
		}
	}
	f := newFakeMesh(t, handlers...)
	sl := &sleeps{}
	var changes []string
	var retries []time.Duration
	w := mesh.TransferWatch{
		Client: newClient(f, sl), TransactionID: watchedTx, Interval: time.Second, MaxInterval: 2 * time.Second,
		OnChange: func(c mesh.TransferChange) {
			s := "none"
			if c.Exists() {
				s = string(c.Transfer.Status)
			}
			changes = append(changes, s)
		},
		OnRetry: func(_ error, wait time.Duration) { retries = append(retries, wait) },
	}
	last, err := w.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !last.Transfer.Status.Is(mesh.TransferSucceeded) || !strings.Contains(string(last.Raw), `"succeeded"`) {
		t.Errorf("last = %+v", last)
	}
	if got := strings.Join(changes, " "); got != "none pending succeeded" {
		t.Errorf("changes = %s, want each once", got)
	}
	if n := int(f.calls.Load()); n != len(handlers) {
		t.Errorf("%d calls, want %d: a poll is one try, the watch does the retrying", n, len(handlers))
	}
	// waits: after none 1s; after pending 1s (a change starts over); after
	// pending again 1.5s; Retry-After 7s as asked; the dropped connections
	// and the 503 back off 1.5→2s (at most); after Pending 2s
	want := []time.Duration{time.Second, time.Second, 1500 * time.Millisecond, 7 * time.Second, 2 * time.Second, 2 * time.Second, 2 * time.Second}
	if got := sl.got(); !equalDurations(got, want) {
		t.Errorf("sleeps = %v, want %v", got, want)
	}
	if len(retries) != 3 || retries[0] != 7*time.Second {
		t.Errorf("retries heard = %v", retries)
	}
	for _, q := range queries {
		if q != "ClientTransactionId=order-42&Count=1&DescendingOrder=true&OrderBy=createdTimestamp" {
			t.Fatalf("query %q", q)
		}
	}
}

func equalDurations(a, b []time.Duration) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestTransferWatch_failedIsFinal(t *testing.T) {
	f := newFakeMesh(t, transferPage("failed"))
	last, err := (&mesh.TransferWatch{Client: newClient(f, &sleeps{}), TransactionID: watchedTx}).Run(context.Background())
	if err != nil || !last.Transfer.Status.Is(mesh.TransferFailed) {
		t.Fatalf("last = %+v, err = %v", last, err)
	}
}

func TestTransferWatch_neverFinishesTimesOut(t *testing.T) {
	f := newFakeMesh(t, transferPage("pending"))
	c := newClient(f, nil)
	c.Sleep = nil // real timers: the watch's own deadline ends it
	w := mesh.TransferWatch{Client: c, TransactionID: watchedTx, Interval: time.Millisecond, MaxInterval: 5 * time.Millisecond, Timeout: 50 * time.Millisecond}
	_, err := w.Run(context.Background())
	var timeout *mesh.WatchTimeoutError
	if !errors.As(err, &timeout) || timeout.Last == nil || timeout.Timeout != 50*time.Millisecond {
		t.Fatalf("err = %#v, want a timeout with the last state", err)
	}
	wantErr(t, err, `watch transactionId "order-42": timed out after 50ms: the transfer is still pending`, "allow more time")
}

func TestTransferWatch_retryAfterPastTheTimeLeftEndsAtOnce(t *testing.T) {
	f := newFakeMesh(t, answer(429, `{"status":"tooManyRequest"}`, "Retry-After", "3600"))
	sl := &sleeps{}
	w := mesh.TransferWatch{Client: newClient(f, sl), TransactionID: watchedTx, Timeout: time.Minute}
	_, err := w.Run(context.Background())
	var timeout *mesh.WatchTimeoutError
	if !errors.As(err, &timeout) {
		t.Fatalf("err = %v, want a timeout", err)
	}
	wantErr(t, err, "no transfer was listed", "Mesh asked to retry after 1h0m0s")
	if len(sl.got()) != 0 {
		t.Errorf("it waited %v for nothing", sl.got())
	}
}

func TestTransferWatch_stopsOnAnswersThatWillNotChange(t *testing.T) {
	f := newFakeMesh(t, answer(401, `{"status":"permissionDenied","message":"bad keys"}`))
	_, err := (&mesh.TransferWatch{Client: newClient(f, &sleeps{}), TransactionID: watchedTx}).Run(context.Background())
	var apiErr *mesh.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 401 || f.calls.Load() != 1 {
		t.Fatalf("err = %v after %d calls, want the 401 at once", err, f.calls.Load())
	}
}

func TestTransferWatch_interrupted(t *testing.T) {
	f := newFakeMesh(t, transferPage("pending"))
	ctx, cancel := context.WithCancel(context.Background())
	c := newClient(f, nil)
	c.Sleep = func(ctx context.Context, _ time.Duration) error { cancel(); <-ctx.Done(); return ctx.Err() }
	_, err := (&mesh.TransferWatch{Client: c, TransactionID: watchedTx}).Run(ctx)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

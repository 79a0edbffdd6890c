package cli

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/meshlink/meshlink/mesh"
)

// Three transfers as Mesh's list has them; created 2027-03-01 11:00 and
// after, UTC (the test clock's zone).
var transferItems = []string{
	`{"id":"dd4063e5-f317-441c-3f07-08dc7353b6f8","clientTransactionId":"order-42","status":"succeeded","amount":25,"symbol":"USDC","networkName":"Ethereum","createdTimestamp":1803898800,"executedTimestamp":1803898860,"from":{"type":"coinbase","name":"Coinbase"},"hash":"0x7d4e0c9b1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f3495"}`,
	`{"id":"0f0e1d2c-3b4a-5968-7766-554433221100","clientTransactionId":"3f1c0e9a-5b7d-4c1e-9a8f-0d2b6c4e8a10","status":"pending","amount":0.00141,"symbol":"BTC","networkName":"Bitcoin","createdTimestamp":1803900600,"from":{"type":"binanceInternationalDirect","name":"Binance"}}`,
	`{"id":"11111111-2222-3333-4444-555555555555","clientTransactionId":"tx-\u001b[31mred","status":"failed","amount":100.5,"symbol":"USDT","networkName":"Polygon PoS (formerly Matic)","createdTimestamp":1803902400,"from":{"type":"deFiWallet","name":"MetaMask Wallet"}}`,
}

// meshServer is a fake Mesh that answers GETs with handle and counts them.
type meshServer struct {
	*httptest.Server
	mu      sync.Mutex
	queries []string
}

func newMeshServer(t *testing.T, handle http.HandlerFunc) *meshServer {
	t.Helper()
	m := &meshServer{}
	m.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		m.mu.Lock()
		m.queries = append(m.queries, r.URL.RawQuery)
		m.mu.Unlock()
		handle(w, r)
	}))
	t.Cleanup(m.Close)
	return m
}

func (m *meshServer) calls() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.queries...)
}

func listOf(items ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"status":"ok","content":{"items":[` + strings.Join(items, ",") + `],"total":` + itoa(len(items)) + `}}`))
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// meshApp is a demoApp whose runs go to srv with credentials.
func meshApp(t *testing.T, srv *meshServer) (*App, *strings.Builder, *strings.Builder, []string) {
	app, out, errb := demoApp(t, withCreds...)
	return app, out, errb, []string{"--base-url", srv.URL}
}

func TestTransfersTableFitsTheTerminal(t *testing.T) {
	srv := newMeshServer(t, listOf(transferItems...))
	for _, tt := range []struct {
		width int
		want  string
		left  string
	}{
		{60, `
STATUS     AMOUNT       HASH         CREATED
succeeded  25 USDC      0x7d4e…3495  2027-03-01 11:00
pending    0.00141 BTC  -            2027-03-01 11:30
failed     100.5 USDT   -            2027-03-01 12:00
`, "executed, from, network, transaction"},
		{80, `
STATUS     AMOUNT       NETWORK      HASH         CREATED           TRANSACTION
succeeded  25 USDC      Ethereum     0x7d4e…3495  2027-03-01 11:00  order-42
pending    0.00141 BTC  Bitcoin      -            2027-03-01 11:30  3f1c0e9a-5b…
failed     100.5 USDT   Polygon Po…  -            2027-03-01 12:00  tx-red
`, "executed, from"},
		{120, `
STATUS     AMOUNT       NETWORK         FROM            HASH         CREATED           EXECUTED          TRANSACTION
succeeded  25 USDC      Ethereum        Coinbase        0x7d4e…3495  2027-03-01 11:00  2027-03-01 11:01  order-42
pending    0.00141 BTC  Bitcoin         Binance         -            2027-03-01 11:30  -                 3f1c0e9a-5b7d-…
failed     100.5 USDT   Polygon PoS (…  MetaMask Wall…  -            2027-03-01 12:00  -                 tx-red
`, ""},
	} {
		app, out, errb, base := meshApp(t, srv)
		app.TerminalWidth = tt.width
		if err := run(t, app, append(base, "transfers")...); err != nil {
			t.Fatalf("%d columns: %v\n%s", tt.width, err, errb)
		}
		for _, line := range strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n") {
			if w := ansi.StringWidth(line); w > tt.width {
				t.Errorf("%d columns: a line of %d: %q", tt.width, w, line)
			}
		}
		if got := out.String(); got != strings.TrimPrefix(tt.want, "\n") {
			t.Errorf("%d columns:\n%s\nwant\n%s", tt.width, got, strings.TrimPrefix(tt.want, "\n"))
		}
		if said := strings.Contains(errb.String(), "left out for the terminal's width: "+tt.left+" (--json has every field)"); said != (tt.left != "") {
			t.Errorf("%d columns: stderr does not say what was left out (%s):\n%s", tt.width, tt.left, errb)
		}
	}
}

func TestTransfersThroughAPipeShowEveryColumnWhole(t *testing.T) {
	srv := newMeshServer(t, listOf(transferItems...))
	app, out, errb, base := meshApp(t, srv)
	if err := run(t, app, append(base, "transfers")...); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"EXECUTED", "Polygon PoS (formerly Matic)", "3f1c0e9a-5b7d-4c1e-9a8f-0d2b6c4e8a10", "0x7d4e…3495"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the table lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(errb.String(), "left out") {
		t.Errorf("stderr: %s", errb)
	}
}

func TestTransfersJSONIsMeshsItemsAsTheyCame(t *testing.T) {
	srv := newMeshServer(t, listOf(transferItems...))
	app, out, _, base := meshApp(t, srv)
	if err := run(t, app, append(base, "transfers", "--json")...); err != nil {
		t.Fatal(err)
	}
	var got []json.RawMessage
	if err := json.Unmarshal([]byte(out.String()), &got); err != nil {
		t.Fatalf("not a JSON array: %v\n%s", err, out)
	}
	if len(got) != len(transferItems) {
		t.Fatalf("%d items", len(got))
	}
	for i := range got {
		if string(got[i]) != transferItems[i] {
			t.Errorf("item %d\n got %s\nwant %s", i, got[i], transferItems[i])
		}
	}

	app, out, _, base = meshApp(t, newMeshServer(t, listOf()))
	if err := run(t, app, append(base, "transfers", "--json")...); err != nil || out.String() != "[]\n" {
		t.Errorf("nothing listed: %q, %v", out, err)
	}
}

func TestTransfersSendsMeshsQuery(t *testing.T) {
	srv := newMeshServer(t, listOf())
	for _, tt := range []struct {
		args []string
		want string
	}{
		{nil, "DescendingOrder=true&OrderBy=createdTimestamp"},
		{[]string{"--transaction-id", "order 42", "--status", "pending,failed", "--status", "Succeeded", "--from", "2027-03-01", "--to", "2027-03-01",
			"--count", "5", "--offset", "10", "--order-by", "amountInFiat", "--desc", "--user-id", "u1", "--integration-id", "Coinbase", "--hash", "0xabc",
			"--id", "dd4063e5-f317-441c-3f07-08dc7353b6f8"},
			"ClientTransactionId=order+42&Count=5&DescendingOrder=true&FromTimestamp=1803859200&Hash=0xabc&Id=dd4063e5-f317-441c-3f07-08dc7353b6f8" +
				"&IntegrationIds=47624467-e52e-4938-a41a-7926b6c27acf&Offset=10&OrderBy=amountInFiat&Statuses=pending&Statuses=failed&Statuses=succeeded" +
				"&ToTimestamp=1803945599&UserId=u1"},
		{[]string{"--order-by", "status"}, "OrderBy=status"},
		{[]string{"--from", "24h", "--to", "1803945600"}, "DescendingOrder=true&FromTimestamp=1803816000&OrderBy=createdTimestamp&ToTimestamp=1803945600"},
		{[]string{"--from", "7d", "--to", "2027-03-01T12:30:00+01:00"}, "DescendingOrder=true&FromTimestamp=1803297600&OrderBy=createdTimestamp&ToTimestamp=1803900600"},
	} {
		app, _, errb, base := meshApp(t, srv)
		before := len(srv.calls())
		if err := run(t, app, append(append(base, "transfers"), tt.args...)...); err != nil {
			t.Fatalf("%v: %v\n%s", tt.args, err, errb)
		}
		if got := srv.calls()[before:]; len(got) != 1 || got[0] != tt.want {
			t.Errorf("%v sent %q, want %q", tt.args, got, tt.want)
		}
	}
}

func TestTransfersRefusesABadQueryUnsent(t *testing.T) {
	srv := newMeshServer(t, listOf())
	app, _, _, base := meshApp(t, srv)
	err := run(t, app, append(base, "transfers", "--count", "101", "--status", "done", "--from", "yesterday", "--user-id", strings.Repeat("u", 51),
		"--id", "42", "--order-by", "clientTransactionId", "--integration-id", "Nowhere")...)
	wantUsage(t, err, "the query was not sent",
		"--count (Count): 101 is not from 1 to 100",
		`--status (Statuses): "done" is not a transfer status: use pending, succeeded, failed`,
		`--from (FromTimestamp): "yesterday" is not a time`,
		"--user-id (UserId): is 51 characters long; Mesh allows at most 50",
		`--id (Id): "42" is not a UUID`,
		`--order-by (OrderBy): "clientTransactionId" is not a sort column`,
		`--integration-id (IntegrationIds): no integration "Nowhere"`)
	if ExitCode(err) != ExitUsage {
		t.Errorf("exit %d, want 2", ExitCode(err))
	}
	if n := len(srv.calls()); n != 0 {
		t.Errorf("%d requests were sent", n)
	}
}

// --count 0 is no count Mesh takes: sent as no Count at all, it would
// bring Mesh's default page of 10.
func TestTransfersRefusesCountZeroUnsent(t *testing.T) {
	srv := newMeshServer(t, listOf())
	app, _, _, base := meshApp(t, srv)
	err := run(t, app, append(base, "transfers", "--count", "0")...)
	wantUsage(t, err, "the query was not sent", "--count (Count): 0 is not from 1 to 100")
	if n := len(srv.calls()); n != 0 {
		t.Errorf("%d requests were sent", n)
	}
}

func TestTransfersSaysWhenThereIsMore(t *testing.T) {
	srv := newMeshServer(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Write([]byte(`{"status":"ok","content":{"items":[` + transferItems[0] + `],"total":31}}`))
	})
	app, _, errb, base := meshApp(t, srv)
	if err := run(t, app, append(base, "transfers", "--count", "1", "--offset", "4")...); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(errb.String(), "transfers 5 to 5 of 31; --offset 5 shows the next") {
		t.Errorf("stderr: %s", errb)
	}
}

func TestTransfersAPIErrorsSayMeshsWords(t *testing.T) {
	srv := newMeshServer(t, func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		w.Write([]byte(`{"status":"badRequest","message":"Invalid \u001b]52;c;aGk=\u0007 paging","displayMessage":"Try again","errorHash":"bf6d53f3","errorType":"invalidField"}`))
	})
	app, _, _, base := meshApp(t, srv)
	err := run(t, app, append(base, "transfers")...)
	if ExitCode(err) != ExitAPI {
		t.Fatalf("exit %d (%v), want 1", ExitCode(err), err)
	}
	msg := Message(err)
	for _, want := range []string{"list transfers: HTTP 400 Bad Request (invalidField): Invalid  paging — Try again", "Quote errorHash bf6d53f3"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	if strings.ContainsRune(msg, 0x1b) {
		t.Errorf("an escape reached the message: %q", msg)
	}
}

// watchServer answers a watch with each handler in turn, the last one
// for ever.
func watchServer(t *testing.T, handlers ...http.HandlerFunc) *meshServer {
	var mu sync.Mutex
	n := 0
	return newMeshServer(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		h := handlers[min(n, len(handlers)-1)]
		n++
		mu.Unlock()
		h(w, r)
	})
}

func dropConnection(w http.ResponseWriter, _ *http.Request) {
	if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
		conn.Close()
	}
}

func transferIn(status string) http.HandlerFunc {
	if status == "" {
		return listOf()
	}
	return listOf(`{"id":"dd4063e5-f317-441c-3f07-08dc7353b6f8","clientTransactionId":"order-42","status":"` + status + `","amount":25,"symbol":"USDC","networkName":"Ethereum","createdTimestamp":1803898800,"hash":"0xabc"}`)
}

func TestWatchFollowsTheTransferThroughFaults(t *testing.T) {
	srv := watchServer(t,
		transferIn(""),
		transferIn("pending"),
		func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			w.Write([]byte(`{"status":"tooManyRequest","message":"slow down"}`))
		},
		dropConnection, dropConnection, // Go's transport resends a GET once on its own
		transferIn("pending"),
		transferIn("succeeded"),
	)
	app, out, errb, base := meshApp(t, srv)
	err := run(t, app, append(base, "transfers", "watch", "--transaction-id", "order-42", "--interval", "10ms")...)
	if err != nil {
		t.Fatalf("%v\n%s", err, errb)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 || !strings.HasSuffix(lines[0], "  pending    25 USDC on Ethereum · hash 0xabc · transfer dd4063e5-f317-441c-3f07-08dc7353b6f8") || !strings.HasSuffix(lines[1], "  succeeded  transfer dd4063e5-f317-441c-3f07-08dc7353b6f8") {
		t.Errorf("stdout, each status once:\n%s", out)
	}
	for _, want := range []string{
		"watching transactionId order-42 at " + srv.URL + ", for up to 15m0s",
		"no transfer yet for transactionId order-42",
		"HTTP 429 Too Many Requests (tooManyRequest): slow down; polling again in 1s",
		"cannot reach",
	} {
		if !strings.Contains(errb.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, errb)
		}
	}
	for _, q := range srv.calls() {
		if q != "ClientTransactionId=order-42&Count=1&DescendingOrder=true&OrderBy=createdTimestamp" {
			t.Errorf("a poll sent %q", q)
		}
	}
}

func TestWatchJSONIsOneObjectAChange(t *testing.T) {
	srv := watchServer(t, transferIn("pending"), transferIn("pending"), transferIn("failed"))
	app, out, _, base := meshApp(t, srv)
	err := run(t, app, append(base, "transfers", "watch", "--transaction-id", "order-42", "--interval", "10ms", "--json")...)
	var failed *TransferFailedError
	if !errors.As(err, &failed) || ExitCode(err) != ExitAPI {
		t.Fatalf("err = %v (exit %d), want the transfer's failure, exit 1", err, ExitCode(err))
	}
	if msg := Message(err); msg != `meshlink: the transfer of transactionId "order-42" failed (Mesh's transfer id dd4063e5-f317-441c-3f07-08dc7353b6f8)` {
		t.Errorf("message %q", msg)
	}
	var statuses []string
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var c struct {
			Time          time.Time
			TransactionID string
			Status        string
			Transfer      mesh.Transfer
		}
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		if c.TransactionID != "order-42" || c.Transfer.ID == "" || c.Time.IsZero() {
			t.Errorf("change %+v", c)
		}
		statuses = append(statuses, c.Status)
	}
	if strings.Join(statuses, " ") != "pending failed" {
		t.Errorf("statuses %v", statuses)
	}
}

func TestWatchThatNeverEndsTimesOut(t *testing.T) {
	srv := watchServer(t, transferIn("pending"))
	app, out, _, base := meshApp(t, srv)
	err := run(t, app, append(base, "--timeout", "200ms", "transfers", "watch", "--transaction-id", "order-42", "--interval", "10ms")...)
	if ExitCode(err) != ExitAPI {
		t.Fatalf("exit %d, want 1", ExitCode(err))
	}
	msg := Message(err)
	for _, want := range []string{`timed out after 200ms: the transfer is still pending`, "--timeout allows more time"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	if strings.Count(out.String(), "pending") != 1 {
		t.Errorf("stdout:\n%s", out)
	}
}

// watch's help states its own --timeout default (15m), not the API's 30s it
// does not use; given after the command, --timeout still bounds the watch.
func TestWatchTimeoutIsItsOwnFlag(t *testing.T) {
	app, out, _ := testApp(t)
	if err := Execute(context.Background(), app, []string{"transfers", "watch", "--help"}); err != nil {
		t.Fatal(err)
	}
	help := out.String()
	if !regexp.MustCompile(`--timeout duration +[^\n]*\(default 15m0s\)`).MatchString(help) || strings.Contains(help, "(default 30s)") {
		t.Errorf("watch's help does not say its --timeout's default is 15m:\n%s", help)
	}
	srv := watchServer(t, transferIn("pending"))
	app, _, _, base := meshApp(t, srv)
	err := run(t, app, append(base, "transfers", "watch", "--transaction-id", "order-42", "--interval", "10ms", "--timeout", "150ms")...)
	if msg := Message(err); !strings.Contains(msg, "timed out after 150ms") {
		t.Errorf("message %q", msg)
	}
}

func TestWatchInterruptedExits130(t *testing.T) {
	srv := watchServer(t, transferIn("pending"))
	app, _, _, base := meshApp(t, srv)
	ctx, cancel := context.WithCancel(context.Background())
	app.Out = writerFunc(func(p []byte) (int, error) { cancel(); return len(p), nil }) // ctrl+c once pending shows
	err := Execute(ctx, app, append(base, "transfers", "watch", "--transaction-id", "order-42"))
	if ExitCode(err) != ExitInterrupted {
		t.Fatalf("err = %v, exit %d; want 130", err, ExitCode(err))
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

func TestWatchUsage(t *testing.T) {
	for _, tt := range []struct {
		args  []string
		wants []string
	}{
		{[]string{"--transaction-id", "x", "--interval", "1ms"}, []string{"--interval 1ms: give at least 10ms"}},
		{[]string{"--transaction-id", strings.Repeat("x", 129)}, []string{"--transaction-id (ClientTransactionId): is 129 characters long"}},
		{nil, []string{"no fetch in the history has a transactionId: give --transaction-id ID"}},
	} {
		srv := newMeshServer(t, listOf())
		app, _, _, base := meshApp(t, srv)
		err := run(t, app, append(append(base, "transfers", "watch"), tt.args...)...)
		wantUsage(t, err, tt.wants...)
		if n := len(srv.calls()); n != 0 {
			t.Errorf("%v: %d requests", tt.args, n)
		}
	}
}

func TestTransfersInTheRunsOwnDemoServerSayWhereDemoTransfersLive(t *testing.T) {
	app, out, errb := demoApp(t) // no keys, no demo-server running: the in-process one
	if err := run(t, app, "transfers"); err != nil {
		t.Fatal(err)
	}
	if out.Len() != 0 || !strings.Contains(errb.String(), "the demo server inside this run has made none. Demo transfers live in a running `meshlink demo-server`") {
		t.Errorf("stdout %q\nstderr %s", out, errb)
	}
}

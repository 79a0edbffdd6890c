package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/meshlink/meshlink/mesh/webhook"
)

// The worked example of ../shared/mesh-after-token.md §2.6.
const (
	hookSecret = "mesh_demo_secret_DO_NOT_USE"
	hookBody   = `{"Id":"358c6ab7-4518-416b-9266-c680fda3a8dd","EventId":"56713e70-be74-4a37-0036-08da97f5941a","SentTimestamp":1720532648,"UserId":"user-123","TransactionId":"order-42","TransferId":"dd4063e5-f317-441c-3f07-08dc7353b6f8","TransferStatus":"Succeeded","TxHash":"0xabc123","Chain":"Ethereum","Token":"USDC","DestinationAddress":"0x0Ff0000f0A0f0000F0F000000000ffFf00f0F0f0","SourceAccountProvider":"Sandbox","SourceAmount":25.0,"DestinationAmount":25.0,"Timestamp":1715175519038}`
	hookSig    = "LYtbBmvRSMv/EVJIQiNEZoWGSXFJLpib3NYFQpjMmtI="
)

var withHookSecret = []string{webhook.SecretEnv, hookSecret}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// Every diagnosis verify can make, from the mistake that makes it, as the
// user reads it and with the exit status a script sees.
func TestWebhooksVerify(t *testing.T) {
	indented := func() string {
		var b bytes.Buffer
		_ = json.Indent(&b, []byte(hookBody), "", "  ")
		return b.String()
	}()
	dump := "POST /api/mesh/webhook HTTP/1.1\r\nHost: x.ngrok.app\r\nContent-Type: application/json\r\nContent-Length: 474\r\nX-Mesh-Signature-256: " + hookSig + "\r\n\r\n" + hookBody
	for _, c := range []struct {
		name  string
		env   []string
		body  string // --body's file; "" for none
		args  []string
		stdin string
		code  int
		says  []string
	}{
		{"valid", withHookSecret, hookBody, []string{"--signature", hookSig}, "", 0, []string{"valid: X-Mesh-Signature-256 matches the 474-byte body with MESH_WEBHOOK_SECRET", "Succeeded  TransactionId order-42", "25.0 USDC on Ethereum", "EventId 56713e70"}},
		{"the header line pasted whole", withHookSecret, hookBody, []string{"--signature", "X-Mesh-Signature-256: " + hookSig}, "", 0, []string{"valid:"}},
		{"body from stdin", withHookSecret, "", []string{"--body", "-", "--signature", hookSig}, hookBody, 0, []string{"valid:"}},
		{"a trailing newline", withHookSecret, hookBody + "\n", []string{"--signature", hookSig}, "", 1, []string{"invalid: X-Mesh-Signature-256 does not match the 475-byte body", "why: the body ends with a newline that was not signed"}},
		{"re-serialised", withHookSecret, indented, []string{"--signature", hookSig}, "", 1, []string{"why: the body was re-serialised: the signature is over the same JSON with different whitespace"}},
		{"hex", withHookSecret, hookBody, []string{"--signature", "2d8b5b066bd148cbff1152484223446685864971492e989bdcd6054298cc9ad2"}, "", 1, []string{"why: the signature is in hex"}},
		{"sha256= prefix", withHookSecret, hookBody, []string{"--signature", "sha256=" + hookSig}, "", 1, []string{`why: the signature starts with "sha256="`}},
		{"the other environment's secret", []string{webhook.SecretEnv, "sandbox-secret", webhook.ProductionSecretEnv, hookSecret}, hookBody, []string{"--signature", hookSig}, "", 1, []string{"why: the signature is valid with MESH_WEBHOOK_SECRET_PRODUCTION, not MESH_WEBHOOK_SECRET"}},
		{"a different body", withHookSecret, strings.Replace(hookBody, "order-42", "order-43", 1), []string{"--signature", hookSig}, "", 1, []string{"why: the signature is not over this body", "different body"}},
		{"not a signature", withHookSecret, hookBody, []string{"--signature", "nope"}, "", 1, []string{"why: the signature is not an HMAC-SHA256 in base64"}},
		{"a request dump", withHookSecret, "", []string{"--request", "-"}, dump + "\n", 0, []string{"valid:", "note: 1 byte of white space after the body's 474 (Content-Length) was left out"}},
		{"a dump without the header", withHookSecret, "", []string{"--request", "-"}, "POST / HTTP/1.1\nHost: x\n\n" + hookBody, 1, []string{"missing: no X-Mesh-Signature-256"}},
		{"not a dump", withHookSecret, "", []string{"--request", "-"}, hookBody, 2, []string{"no blank line after the headers"}},
		{"no secret", nil, hookBody, []string{"--signature", hookSig}, "", 2, []string{"MESH_WEBHOOK_SECRET is not set", "never from a flag"}},
		{"no signature", withHookSecret, hookBody, nil, "", 2, []string{"give --body FILE and --signature VALUE"}},
		{"both ways at once", withHookSecret, hookBody, []string{"--request", "-"}, dump, 2, []string{"leave out --body and --signature"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			app, out, _ := testApp(t, c.env...)
			app.In = strings.NewReader(c.stdin)
			args := append([]string{"webhooks", "verify"}, c.args...)
			if c.body != "" {
				args = append(args, "--body", writeFile(t, "delivery.json", c.body))
			}
			err := Execute(context.Background(), app, args)
			text := out.String()
			if err != nil {
				text += Message(err)
			}
			if ExitCode(err) != c.code {
				t.Errorf("exit %d, want %d: %v\n%s", ExitCode(err), c.code, err, text)
			}
			for _, s := range c.says {
				if !strings.Contains(text, s) {
					t.Errorf("the output does not say %q:\n%s", s, text)
				}
			}
			if strings.Contains(text, hookSecret) || strings.Contains(text, "sandbox-secret") {
				t.Errorf("the output shows a secret:\n%s", text)
			}
		})
	}
}

func TestWebhooksVerifyJSON(t *testing.T) {
	app, out, _ := testApp(t, withHookSecret...)
	err := Execute(context.Background(), app, []string{"webhooks", "verify", "--body", writeFile(t, "d.json", hookBody+"\n"), "--signature", hookSig, "--json"})
	var got struct {
		Signature string            `json:"signature"`
		Findings  []webhook.Finding `json:"findings"`
		Bytes     int               `json:"bytes"`
		Payload   struct{ EventId string }
	}
	if jerr := json.Unmarshal(out.Bytes(), &got); jerr != nil || ExitCode(err) != 1 {
		t.Fatalf("exit %d, %v: %s", ExitCode(err), jerr, out)
	}
	if got.Signature != "invalid" || len(got.Findings) != 1 || got.Findings[0].Mistake != webhook.MistakeTrailingNewline || got.Bytes != 475 || got.Payload.EventId == "" {
		t.Errorf("--json: %+v", got)
	}
}

// syncBuffer is a buffer a server's goroutines can write while the test reads.
type syncBuffer struct {
	mu   sync.Mutex
	b    bytes.Buffer
	grew chan struct{} // closed at the next write, for waitFor
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.grew != nil {
		close(s.grew)
		s.grew = nil
	}
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// waitFor reports whether the buffer comes to hold want, waiting on its
// writes (at most bound, which only a failing test reaches).
func (s *syncBuffer) waitFor(want string, bound time.Duration) bool {
	deadline := time.After(bound)
	for {
		s.mu.Lock()
		if strings.Contains(s.b.String(), want) {
			s.mu.Unlock()
			return true
		}
		if s.grew == nil {
			s.grew = make(chan struct{})
		}
		grew := s.grew
		s.mu.Unlock()
		select {
		case <-grew:
		case <-deadline:
			return false
		}
	}
}

// capture is an endpoint that keeps each request's body and headers.
type capture struct {
	mu   sync.Mutex
	reqs []capturedRequest
}

type capturedRequest struct {
	header http.Header
	body   []byte
}

func (c *capture) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	c.mu.Lock()
	c.reqs = append(c.reqs, capturedRequest{r.Header.Clone(), b})
	c.mu.Unlock()
}

func (c *capture) all() []capturedRequest {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]capturedRequest(nil), c.reqs...)
}

func TestWebhooksSendValuesFromHistory(t *testing.T) {
	app, out, errb := demoApp(t, withHookSecret...)
	if err := run(t, app, "token", "--use-case", "payment", "--user-id", "user-77", "--transaction-id", "order-77",
		"--to", "base:USDC:0x71C7656EC7ab88b098defB751B7401B5f6d8976F:10", "-q"); err != nil {
		t.Fatalf("%v\n%s", err, errb)
	}
	endpoint := &capture{}
	srv := httptest.NewServer(endpoint)
	defer srv.Close()
	out.Reset()
	errb.Reset()
	if err := run(t, app, "webhooks", "send", "--to", srv.URL+"/hook", "--status", "pending,failed"); err != nil {
		t.Fatalf("%v\n%s", err, errb)
	}
	if !strings.Contains(errb.String(), "values from history entry 1") {
		t.Errorf("stderr does not say where the values came from:\n%s", errb)
	}
	reqs := endpoint.all()
	if len(reqs) != 2 {
		t.Fatalf("%d deliveries, want 2", len(reqs))
	}
	var first webhook.Delivery
	for i, r := range reqs {
		d, err := webhook.Parse(r.body)
		if err != nil || !webhook.Verify(hookSecret, r.body, r.header.Get(webhook.SignatureHeader)) || r.header.Get("Content-Type") != "application/json" {
			t.Fatalf("delivery %d: %v, %s", i, err, r.body)
		}
		if d.UserID != "user-77" || d.TransactionID != "order-77" || d.Token != "USDC" || d.Chain != "Base" || d.SourceAmount != "10" ||
			d.DestinationAddress != "0x71C7656EC7ab88b098defB751B7401B5f6d8976F" || string(d.TransferStatus) != []string{"pending", "failed"}[i] {
			t.Errorf("delivery %d: %+v", i, d)
		}
		if i == 0 {
			first = d
		} else if d.TransferID != first.TransferID || d.EventID == first.EventID {
			t.Errorf("one transfer, two events: %+v after %+v", d, first)
		}
	}
	if lines := strings.Count(out.String(), "→ 200 OK"); lines != 2 {
		t.Errorf("stdout:\n%s", out)
	}
}

func TestWebhooksSendRetriesUntil2xx(t *testing.T) {
	app, out, errb := demoApp(t, withHookSecret...)
	var n int
	var mu sync.Mutex
	endpoint := &capture{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		endpoint.ServeHTTP(w, r)
		mu.Lock()
		defer mu.Unlock()
		if n++; n <= 2 {
			http.Error(w, "not yet", http.StatusInternalServerError)
		}
	}))
	defer srv.Close()
	err := run(t, app, "webhooks", "send", "--to", srv.URL, "--status", "succeeded", "--retry-schedule", "1ns,1ns,1ns", "--transaction-id", "tx-1", "--amount", "3.5")
	if err != nil {
		t.Fatalf("%v\n%s", err, errb)
	}
	for _, want := range []string{"→ 500 Internal Server Error", `not a 2xx, Mesh would retry: "not yet"; retry 1 of 3 in 1ns`, "(retry 2)  → 200 OK"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	events, ids := map[string]bool{}, map[string]bool{}
	for _, r := range endpoint.all() {
		d, _ := webhook.Parse(r.body)
		events[d.EventID], ids[d.ID] = true, true
		if d.TransactionID != "tx-1" || d.SourceAmount != "3.5" || d.TxHash == "" {
			t.Errorf("delivery %+v", d)
		}
	}
	if len(events) != 1 || len(ids) != 3 {
		t.Errorf("%d EventIds and %d Ids over three attempts; want 1 and 3", len(events), len(ids))
	}

	// Without retries a failure is an exit status 1 for scripts.
	out.Reset()
	n = -100
	err = run(t, app, "webhooks", "send", "--to", srv.URL, "--status", "pending")
	if ExitCode(err) != ExitAPI || !strings.Contains(out.String(), "not retried (--retry-until-2xx retries)") || !strings.Contains(err.Error(), "1 of 1 deliveries got no 2xx") {
		t.Errorf("exit %d, %v\n%s", ExitCode(err), err, out)
	}
}

func TestWebhooksSendUsage(t *testing.T) {
	for _, c := range []struct {
		env  []string
		args []string
		says string
	}{
		{withHookSecret, nil, "--to URL is required"},
		{withHookSecret, []string{"--to", "http://hooks.example.com/x"}, "use https://"},
		{withHookSecret, []string{"--to", "http://127.0.0.1:1/", "--status", "pending,,succeeded"}, "not a list of statuses"},
		{withHookSecret, []string{"--to", "http://127.0.0.1:1/", "--status", "pending", "--out-of-order"}, "needs two statuses"},
		{withHookSecret, []string{"--to", "http://127.0.0.1:1/", "--amount", "lots"}, "not a number"},
		{nil, []string{"--to", "http://127.0.0.1:1/"}, "MESH_WEBHOOK_SECRET is not set"},
	} {
		app, _, _ := testApp(t, c.env...)
		err := Execute(context.Background(), app, append([]string{"webhooks", "send"}, c.args...))
		wantUsage(t, err, c.says)
	}
}

// listenTo serves a listener as 'webhooks listen' would, printing into out.
func listenTo(t *testing.T, o *webhooksListenOptions, env ...string) (*httptest.Server, *syncBuffer) {
	t.Helper()
	app, _, _ := testApp(t, env...)
	out := &syncBuffer{}
	app.Out = newInertWriter(out)
	app.HTTPClient = &http.Client{}
	secrets, _ := webhookSecrets(app, false)
	srv := httptest.NewServer(newListener(app, o, secrets))
	t.Cleanup(srv.Close)
	return srv, out
}

// noGzip sends only the headers a test sets (and Content-Length).
var noGzip = &http.Client{Transport: &http.Transport{DisableCompression: true}}

func post(t *testing.T, url, body, sig string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "meshlink-test")
	req.Header.Set("X-Request-Id", "req-1")
	if sig != "" {
		req.Header.Set(webhook.SignatureHeader, sig)
	}
	resp, err := noGzip.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestWebhooksListenPrintsEachDelivery(t *testing.T) {
	srv, out := listenTo(t, &webhooksListenOptions{fail: 1}, withHookSecret...)
	pending := strings.NewReplacer(`"Succeeded"`, `"Pending"`, "56713e70", "11111111").Replace(hookBody)
	steps := []struct {
		body, sig string
		status    int
	}{
		{pending, webhook.Sign(hookSecret, []byte(pending)), 503}, // --fail 1
		{pending, webhook.Sign(hookSecret, []byte(pending)), 200}, // Mesh's retry
		{hookBody, hookSig, 200},                                  // pending → succeeded
		{hookBody + "\n", hookSig, 200},                           // invalid, and the same EventId
		{pending, "", 200},                                        // missing; out of order
		{"not json \x1b]52;c;aGk=\x07", hookSig, 200},             // not a delivery, nothing obeyed
	}
	for i, s := range steps {
		if got := post(t, srv.URL+"/api/mesh/webhook", s.body, s.sig); got != s.status {
			t.Errorf("delivery %d answered %d, want %d", i+1, got, s.status)
		}
	}
	text := out.String()
	for _, want := range []string{
		"#1  ", "POST /api/mesh/webhook  Pending  TransactionId order-42  TransferId dd4063e5-f317-441c-3f07-08dc7353b6f8  25.0 USDC on Ethereum  EventId 11111111",
		"signature valid · answered 503",
		"#2  ", "signature valid · duplicate of the delivery at ",
		"signature valid · Pending → Succeeded\n",
		"#4  ", "signature invalid · duplicate of the delivery at", "why: the body ends with a newline that was not signed",
		"signature missing (no X-Mesh-Signature-256) · duplicate",
		"#6  ", "not a Mesh webhook delivery: the body is not a JSON object",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the output lacks %q:\n%s", want, text)
		}
	}
	if strings.ContainsAny(text, "\x1b\x07") {
		t.Errorf("a control character reached the output:\n%q", text)
	}
}

func TestWebhooksListenFlagsAnOutOfOrderMove(t *testing.T) {
	srv, out := listenTo(t, &webhooksListenOptions{}, withHookSecret...)
	pending := strings.NewReplacer(`"Succeeded"`, `"Pending"`, "56713e70", "22222222").Replace(hookBody)
	post(t, srv.URL, hookBody, hookSig)
	post(t, srv.URL, pending, webhook.Sign(hookSecret, []byte(pending)))
	if want := "Succeeded → Pending OUT OF ORDER: after Succeeded, which is final"; !strings.Contains(out.String(), want) {
		t.Errorf("the output lacks %q:\n%s", want, out)
	}
}

// A delivery that fails its signature (forged, or signed with another
// secret) is shown, but not remembered: Mesh's genuine delivery of the same
// EventId that follows is no duplicate, and the forged status moves nothing.
func TestWebhooksListenRemembersOnlySignedDeliveries(t *testing.T) {
	srv, out := listenTo(t, &webhooksListenOptions{json: true}, withHookSecret...)
	pending := strings.NewReplacer(`"Succeeded"`, `"Pending"`, "56713e70", "33333333").Replace(hookBody)
	post(t, srv.URL, hookBody, webhook.Sign("not-the-secret", []byte(hookBody))) // a forged Succeeded
	post(t, srv.URL, hookBody, "")                                               // unsigned
	post(t, srv.URL, pending, webhook.Sign(hookSecret, []byte(pending)))         // Mesh's Pending
	post(t, srv.URL, hookBody, hookSig)                                          // Mesh's Succeeded
	post(t, srv.URL, hookBody, hookSig)                                          // and its retry
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 5 {
		t.Fatalf("%d lines, want 5:\n%s", len(lines), out)
	}
	want := []struct {
		signature string
		duplicate bool
		from, ooo string
	}{
		{"invalid", false, "", ""},
		{"missing", false, "", ""},
		{"valid", false, "", ""},
		{"valid", false, "Pending", ""},
		{"valid", true, "", ""},
	}
	for i, line := range lines {
		var ev struct {
			Signature  string `json:"signature"`
			Duplicate  bool   `json:"duplicate"`
			From       string `json:"from"`
			OutOfOrder string `json:"outOfOrder"`
		}
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			t.Fatal(err)
		}
		w := want[i]
		if ev.Signature != w.signature || ev.Duplicate != w.duplicate || ev.From != w.from || ev.OutOfOrder != w.ooo {
			t.Errorf("delivery %d: signature %s, duplicate %v, from %q, out of order %q; want %s, %v, %q, %q",
				i+1, ev.Signature, ev.Duplicate, ev.From, ev.OutOfOrder, w.signature, w.duplicate, w.from, w.ooo)
		}
	}
}

// Mesh allows 200 ms for an answer: listen answers before it forwards, so
// a slow endpoint behind --forward-to never makes Mesh retry listen itself.
func TestWebhooksListenAnswersBeforeItForwards(t *testing.T) {
	reached, release := make(chan struct{}, 1), make(chan struct{})
	endpoint := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reached <- struct{}{}
		<-release
	}))
	defer endpoint.Close()
	srv, out := listenTo(t, &webhooksListenOptions{forwardTo: endpoint.URL + "/hook"}, withHookSecret...)
	answered := make(chan error, 1)
	go func() {
		req, _ := http.NewRequest(http.MethodPost, srv.URL, strings.NewReader(hookBody))
		req.Header.Set(webhook.SignatureHeader, hookSig)
		resp, err := noGzip.Do(req)
		if err == nil {
			_, err = io.ReadAll(resp.Body) // the whole answer, as Mesh reads it
			resp.Body.Close()
			if err == nil && resp.StatusCode != http.StatusOK {
				err = fmt.Errorf("answered %d", resp.StatusCode)
			}
		}
		answered <- err
	}()
	select {
	case err := <-answered:
		if err != nil {
			t.Error(err)
		}
	case <-time.After(10 * time.Second):
		close(release)
		t.Fatal("listen answered only once the forward was answered: a slow endpoint would make Mesh retry listen")
	}
	<-reached
	close(release)
	if want := "forwarded to " + endpoint.URL + "/hook: 200 OK"; !out.waitFor(want, 10*time.Second) {
		t.Errorf("the output lacks %q:\n%s", want, out)
	}
}

func TestWebhooksListenJSONAndForward(t *testing.T) {
	endpoint := &capture{}
	app := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		endpoint.ServeHTTP(w, r)
		w.WriteHeader(http.StatusInternalServerError)
	}))
	defer app.Close()
	srv, out := listenTo(t, &webhooksListenOptions{json: true, forwardTo: app.URL + "/api/mesh/webhook"})
	pretty := "{\n  \"EventId\": \"e1\",\n  \"TransferStatus\": \"Pending\"\n}"
	post(t, srv.URL+"/in", hookBody, hookSig)
	post(t, srv.URL+"/in", pretty, "")
	post(t, srv.URL+"/in", hookBody, hookSig)
	out.waitFor(`"n":3,`, 10*time.Second) // each is printed once forwarded, after listen answered
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines, want one a delivery:\n%s", len(lines), out)
	}
	type event struct {
		Signature string          `json:"signature"`
		Duplicate bool            `json:"duplicate"`
		Payload   json.RawMessage `json:"payload"`
		Forward   struct {
			Status int `json:"status"`
		} `json:"forward"`
	}
	var evs []event
	for _, l := range lines {
		var e event
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			t.Fatalf("%v: %s", err, l)
		}
		evs = append(evs, e)
	}
	if evs[0].Signature != "unchecked" || evs[1].Signature != "missing" || evs[0].Duplicate || !evs[2].Duplicate || evs[0].Forward.Status != 500 {
		t.Errorf("events: %+v", evs)
	}
	if string(evs[0].Payload) != hookBody || string(evs[1].Payload) != `{"EventId":"e1","TransferStatus":"Pending"}` {
		t.Errorf("payloads %s and %s", evs[0].Payload, evs[1].Payload)
	}
	reqs := endpoint.all()
	if len(reqs) != 3 || string(reqs[0].body) != hookBody || string(reqs[1].body) != pretty || reqs[0].header.Get(webhook.SignatureHeader) != hookSig || reqs[0].header.Get("Content-Type") != "application/json" {
		t.Fatalf("forwarded: %d requests, first %s %v", len(reqs), reqs[0].body, reqs[0].header)
	}
	want := http.Header{"Content-Type": {"application/json"}, "Content-Length": {"474"}, "User-Agent": {"meshlink-test"}, "X-Request-Id": {"req-1"}, webhook.SignatureHeader: {hookSig}}
	if got := reqs[0].header; len(got) != len(want) || got.Get("User-Agent") != "meshlink-test" || got.Get("X-Request-Id") != "req-1" || got.Get("Content-Length") != "474" {
		t.Errorf("forwarded with headers %v, want those received: %v", got, want)
	}
}

func TestWebhooksListenUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		says string
	}{
		{[]string{"--fail", "-1"}, "0 or more"},
		{[]string{"--forward-to", "http://example.com/"}, "use https://"},
		{[]string{"--addr", "nonsense"}, "not host:port"},
	} {
		app, _, _ := testApp(t)
		err := Execute(context.Background(), app, append([]string{"webhooks", "listen"}, c.args...))
		wantUsage(t, err, c.says)
	}
}

// send's --to is a URL: token's destinations are not offered there.
func TestWebhooksSendToCompletesNoDestinations(t *testing.T) {
	app, _, _ := testApp(t)
	if got := complete(t, app, "webhooks", "send", "--to", ""); len(got) != 0 {
		t.Errorf("webhooks send --to offers %v", got)
	}
}

// --out-of-order delivers the last event first, its Timestamp still the
// later one, as a receiver must cope with.
func TestWebhooksSendOutOfOrder(t *testing.T) {
	app, _, errb := demoApp(t, withHookSecret...)
	endpoint := &capture{}
	srv := httptest.NewServer(endpoint)
	defer srv.Close()
	if err := run(t, app, "webhooks", "send", "--to", srv.URL, "--status", "Pending,Succeeded", "--out-of-order", "--duplicate"); err != nil {
		t.Fatalf("%v\n%s", err, errb)
	}
	var got []webhook.Delivery
	for _, r := range endpoint.all() {
		d, _ := webhook.Parse(r.body)
		got = append(got, d)
	}
	if len(got) != 4 || got[0].TransferStatus != "Succeeded" || got[2].TransferStatus != "Pending" ||
		got[0].EventID != got[1].EventID || got[0].ID == got[1].ID || got[0].Timestamp <= got[2].Timestamp {
		t.Fatalf("deliveries in order: %+v", got)
	}
}

package main

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/mesh/demo"
	"github.com/meshlink/meshlink/mesh/webhook"
)

const webhookSecret = "whsec-e2e-never-printed-4f1c9a"

// listening is a 'meshlink webhooks listen' running as a process.
type listening struct {
	url    string
	lines  chan string // stdout, a line at a time
	stderr *syncBuffer
	stop   func() string // SIGINT; returns what stderr held
}

// listen starts 'meshlink webhooks listen' on a free port with args and
// waits until it says where it listens.
func listen(t *testing.T, env []string, args ...string) *listening {
	t.Helper()
	cmd := exec.Command(binary, append([]string{"webhooks", "listen", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH")}, env...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderrR, stderrW := io.Pipe()
	cmd.Stderr = stderrW
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	l := &listening{lines: make(chan string, 1000), stderr: &syncBuffer{}}
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			l.lines <- sc.Text()
		}
		close(l.lines)
	}()
	ready := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderrR)
		for sc.Scan() {
			line := sc.Text()
			_, _ = l.stderr.Write([]byte(line + "\n"))
			if _, after, ok := strings.Cut(line, "listening on "); ok {
				ready <- strings.Fields(after)[0]
			}
		}
		close(ready)
	}()
	var once sync.Once
	l.stop = func() string {
		once.Do(func() {
			_ = cmd.Process.Signal(syscall.SIGINT)
			_ = cmd.Wait()
			stderrW.Close()
		})
		return l.stderr.String()
	}
	t.Cleanup(func() { l.stop() })
	select {
	case url, ok := <-ready:
		if !ok {
			t.Fatalf("webhooks listen ended before listening:\n%s", l.stop())
		}
		l.url = url
	case <-time.After(30 * time.Second):
		t.Fatalf("webhooks listen did not say where it listens:\n%s", l.stop())
	}
	return l
}

// next is the next delivery listen printed with --json.
func (l *listening) next(t *testing.T) map[string]any {
	t.Helper()
	select {
	case line, ok := <-l.lines:
		if !ok {
			t.Fatalf("webhooks listen stopped:\n%s", l.stop())
		}
		var ev map[string]any
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			t.Fatalf("not a JSON line: %q: %v", line, err)
		}
		return ev
	case <-time.After(30 * time.Second):
		t.Fatalf("no delivery printed:\n%s", l.stop())
	}
	return nil
}

// grepTree fails t when any file under dirs holds s.
func grepTree(t *testing.T, s string, dirs ...string) {
	t.Helper()
	for _, dir := range dirs {
		_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				if b, _ := os.ReadFile(p); strings.Contains(string(b), s) {
					t.Errorf("%s holds the secret", p)
				}
			}
			return nil
		})
	}
}

// send → listen --forward-to an endpoint: every delivery verified, the
// duplicates flagged, the bytes and the signature forwarded unchanged,
// and the secret in no output and no file.
func TestWebhooksSendListenForward(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var forwarded []struct {
		body []byte
		sig  string
	}
	endpoint := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		defer mu.Unlock()
		forwarded = append(forwarded, struct {
			body []byte
			sig  string
		}{b, r.Header.Get(webhook.SignatureHeader)})
	}))
	defer endpoint.Close()

	s := newStateEnv(t)
	env := s.vars(webhook.SecretEnv + "=" + webhookSecret)
	l := listen(t, env, "--json", "--forward-to", endpoint.URL+"/api/mesh/webhook")
	send := meshlink(t, env, "", "webhooks", "send", "--to", l.url+"/api/mesh/webhook", "--status", "pending,succeeded", "--duplicate", "--transaction-id", "order-e2e")
	if send.code != 0 || strings.Count(send.stdout, "→ 200 OK") != 4 {
		t.Fatalf("send: exit %d\n%s\n%s", send.code, send.stdout, send.stderr)
	}

	var events []map[string]any
	for range 4 {
		events = append(events, l.next(t))
	}
	summary := l.stop()
	for i, ev := range events {
		payload, _ := ev["payload"].(map[string]any)
		if ev["signature"] != "valid" || ev["duplicate"] != (i%2 == 1) || payload["TransactionId"] != "order-e2e" {
			t.Errorf("delivery %d: %v", i+1, ev)
		}
		if fw, _ := ev["forward"].(map[string]any); fw["status"] != float64(200) {
			t.Errorf("delivery %d forward: %v", i+1, ev["forward"])
		}
	}
	if events[2]["from"] != "pending" {
		t.Errorf("the move pending → succeeded is not shown: %v", events[2])
	}
	mu.Lock()
	defer mu.Unlock()
	if len(forwarded) != 4 {
		t.Fatalf("%d deliveries forwarded, want 4", len(forwarded))
	}
	for i, f := range forwarded {
		raw, _ := json.Marshal(events[i]["payload"])
		var want, got any
		_ = json.Unmarshal(raw, &want)
		_ = json.Unmarshal(f.body, &got)
		if !webhook.Verify(webhookSecret, f.body, f.sig) || !jsonEqual(want, got) {
			t.Errorf("forward %d changed the delivery: %s (signature %s)", i+1, f.body, f.sig)
		}
	}
	if !strings.Contains(summary, "4 deliveries: 4 valid; 2 duplicates") {
		t.Errorf("listen's summary: %s", summary)
	}
	for name, out := range map[string]string{"send stdout": send.stdout, "send stderr": send.stderr, "listen stderr": summary} {
		if strings.Contains(out, webhookSecret) {
			t.Errorf("%s shows the secret", name)
		}
	}
	grepTree(t, webhookSecret, s.config, s.cache, s.state, s.home)
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

// The demo server delivers its transfers' changes; 'listen --fail 2'
// answers 503 twice and the demo server retries until the 200.
func TestDemoServerWebhooksRetriedAfterFail(t *testing.T) {
	t.Parallel()
	s := newStateEnv(t)
	l := listen(t, s.vars(webhook.SecretEnv+"="+webhookSecret), "--json", "--fail", "2")
	srv, err := demo.StartWith(demo.Options{SettleAfter: -1, Webhooks: demo.WebhookOptions{
		URL: l.url + "/api/mesh/webhook", Secret: webhook.NewSecret(webhook.SecretEnv, webhookSecret),
		RetrySchedule: []time.Duration{time.Millisecond, time.Millisecond, time.Millisecond},
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	tr := srv.Books.Record(mesh.Transfer{ClientTransactionID: "order-demo", Symbol: "USDC", Amount: 10}, mesh.TransferSucceeded)

	var eventID any
	for i, answered := range []float64{503, 503, 200} {
		ev := l.next(t)
		payload, _ := ev["payload"].(map[string]any)
		if i == 0 {
			eventID = payload["EventId"]
		}
		if ev["signature"] != "valid" || ev["answered"] != answered || ev["duplicate"] != (i > 0) ||
			payload["TransferStatus"] != "Pending" || payload["TransferId"] != tr.ID || payload["EventId"] != eventID {
			t.Fatalf("attempt %d: %v", i+1, ev)
		}
	}
	srv.Books.Settle()
	ev := l.next(t)
	if payload, _ := ev["payload"].(map[string]any); ev["from"] != "Pending" || payload["TransferStatus"] != "Succeeded" || ev["duplicate"] != false || ev["answered"] != float64(200) {
		t.Fatalf("after Settle: %v", ev)
	}
}

// demo-server --webhook-url makes up a secret and shows it once when
// MESH_WEBHOOK_SECRET is not set, and never shows the one that is.
func TestDemoServerWebhookSecret(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		env  []string
		says string
	}{
		{nil, "MESH_WEBHOOK_SECRET=demo_"},
		{[]string{webhook.SecretEnv + "=" + webhookSecret}, "signed with MESH_WEBHOOK_SECRET."},
	} {
		s := newStateEnv(t)
		cmd := exec.Command(binary, "demo-server", "--addr", "127.0.0.1:0", "--webhook-url", "http://127.0.0.1:9/hook")
		cmd.Env = s.vars(c.env...)
		stdout, _ := cmd.StdoutPipe()
		var errb syncBuffer
		cmd.Stderr = &errb
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		var out strings.Builder
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			out.WriteString(sc.Text() + "\n")
			if strings.HasPrefix(sc.Text(), "Webhooks:") && c.env != nil || strings.Contains(sc.Text(), "MESH_WEBHOOK_SECRET=") {
				break
			}
		}
		_ = cmd.Process.Signal(syscall.SIGINT)
		_ = cmd.Wait()
		if !strings.Contains(out.String(), c.says) || strings.Contains(out.String()+errb.String(), webhookSecret) {
			t.Errorf("demo-server printed:\n%s%s", out.String(), errb.String())
		}
	}
	r := meshlink(t, nil, "", "demo-server", "--webhook-url", "http://example.com/hook")
	if r.code != 2 || !strings.Contains(r.stderr, "use https://") {
		t.Errorf("a plain http webhook URL elsewhere: exit %d, %s", r.code, r.stderr)
	}
}

// The whole chain offline: a demo token, Link played over HTTP, the demo
// server's signed deliveries, 'webhooks listen' answering 503 once and the
// retry taken, all from the binaries.
func TestDemoTokenLinkWebhooksListenChain(t *testing.T) {
	t.Parallel()
	s := newStateEnv(t)
	env := s.vars(webhook.SecretEnv+"="+webhookSecret, "MESH_CLIENT_ID=x", "MESH_CLIENT_SECRET=y")
	l := listen(t, env, "--json", "--fail", "1")

	cmd := exec.Command(binary, "demo-server", "--addr", "127.0.0.1:0", "--settle-after", "1h",
		"--webhook-url", l.url+"/api/mesh/webhook", "--webhook-retry-schedule", "1ms")
	cmd.Env = env
	stdout, _ := cmd.StdoutPipe()
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Signal(syscall.SIGINT); _ = cmd.Wait() }()
	var serverErr syncBuffer
	logLines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			_, _ = serverErr.Write([]byte(sc.Text() + "\n"))
			logLines <- sc.Text()
		}
		close(logLines)
	}()
	var serverOut strings.Builder
	base := ""
	sc := bufio.NewScanner(stdout)
	for base == "" && sc.Scan() {
		serverOut.WriteString(sc.Text() + "\n")
		if _, after, ok := strings.Cut(sc.Text(), "listening on "); ok {
			base = strings.TrimSpace(after)
		}
	}
	go func() { _, _ = io.Copy(io.Discard, stdout) }()

	tok := meshlink(t, env, "", "token", "--base-url", base, "--use-case", "deposit", "--user-id", "u1",
		"--to", "solana:USDC:7dHbWXmci3dT8UFYWYZweBLXgycu7Y3iL6trKn1Y7ARj", "--transaction-id", "order-chain", "-q")
	if tok.code != 0 {
		t.Fatalf("token: exit %d %s", tok.code, tok.stderr)
	}
	if _, err := demo.Play(t.Context(), http.DefaultClient, strings.TrimSpace(tok.stdout), demo.ScriptSucceeds); err != nil {
		t.Fatal(err)
	}
	first, retry := l.next(t), l.next(t)
	p1, _ := first["payload"].(map[string]any)
	p2, _ := retry["payload"].(map[string]any)
	if first["signature"] != "valid" || first["answered"] != float64(503) || p1["TransferStatus"] != "Pending" || p1["TransactionId"] != "order-chain" || p1["Token"] != "USDC" {
		t.Errorf("the first delivery: %v", first)
	}
	if retry["signature"] != "valid" || retry["answered"] != float64(200) || retry["duplicate"] != true || p2["EventId"] != p1["EventId"] || p2["Id"] == p1["Id"] {
		t.Errorf("the retry: %v", retry)
	}
	// The demo server logs each attempt once it has the answer.
	for _, want := range []string{"webhook Pending order-chain EventId", "(retry 1) → 200 OK"} {
		waitLine(t, logLines, want)
	}
	if log := serverErr.String(); !strings.Contains(log, "→ 503 Service Unavailable") || !strings.Contains(log, "(retry 1) → 200 OK") {
		t.Errorf("the demo server's log:\n%s", log)
	}
	for _, out := range []string{serverOut.String(), serverErr.String(), l.stop(), tok.stdout, tok.stderr} {
		if strings.Contains(out, webhookSecret) {
			t.Errorf("an output shows the secret:\n%s", out)
		}
	}
	grepTree(t, webhookSecret, s.config, s.cache, s.state, s.home)
}

// waitLine reads lines until one holds want (or 30 s pass: a failure).
func waitLine(t *testing.T, lines <-chan string, want string) {
	t.Helper()
	timeout := time.After(30 * time.Second)
	for {
		select {
		case line, ok := <-lines:
			if !ok {
				t.Fatalf("no line holds %q", want)
			}
			if strings.Contains(line, want) {
				return
			}
		case <-timeout:
			t.Fatalf("no line holds %q after 30 s", want)
		}
	}
}

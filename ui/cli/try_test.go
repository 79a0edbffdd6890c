package cli

import (
	"context"
	"encoding/base64"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// sandboxLink answers POST /api/v1/linktoken as sandbox would, with a token
// that leads to Mesh's sandbox Link.
type sandboxLink struct{}

func (sandboxLink) RoundTrip(r *http.Request) (*http.Response, error) {
	token := base64.StdEncoding.EncodeToString([]byte("https://sandbox-web.meshconnect.com/b2b-iframe/client/broker-connect?auth_code=abc"))
	body := `{"status":"ok","content":{"linkToken":"` + token + `"}}`
	return &http.Response{StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}}, Body: io.NopCloser(strings.NewReader(body)), Request: r}, nil
}

// until is a writer that calls stop once what was written holds want.
type until struct {
	mu   sync.Mutex
	buf  strings.Builder
	want string
	stop func()
}

func (u *until) Write(p []byte) (int, error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.buf.Write(p)
	if strings.Contains(u.buf.String(), u.want) {
		u.stop()
	}
	return len(p), nil
}

func (u *until) String() string {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.buf.String()
}

func TestTrySandboxSaysWhichOriginToAllowListBeforeOpening(t *testing.T) {
	log := tryUntilOpen(t)
	if !strings.Contains(log, "for the sandbox keys") {
		t.Errorf("the note does not name the keys' environment:\n%s", log)
	}
}

// A --base-url (a company's proxy to Mesh) that hands out a token for Mesh's
// Link needs the origin allow-listed all the same.
func TestTryThroughABaseURLSaysWhichOriginToAllowList(t *testing.T) {
	log := tryUntilOpen(t, "--base-url", "http://127.0.0.1:1")
	if !strings.Contains(log, "for the keys that made this token") {
		t.Errorf("the note does not say which keys:\n%s", log)
	}
}

// tryUntilOpen runs try against a sandbox-like API until it prints the
// page's address, checks the allow-list note came once before it, and
// returns stderr.
func tryUntilOpen(t *testing.T, args ...string) string {
	t.Helper()
	app, out, _ := testApp(t, withCreds...)
	app.HTTPClient = &http.Client{Transport: sandboxLink{}}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stderr := &until{want: "in your browser", stop: cancel}
	app.Err = stderr
	err := Execute(ctx, app, append([]string{"try", "--use-case", "withdrawal", "--user-id", "u1", "--no-open", "--addr", "127.0.0.1:0"}, args...))
	if ExitCode(err) != ExitInterrupted {
		t.Fatalf("err = %v (exit %d)\n%s", err, ExitCode(err), stderr)
	}
	log := stderr.String()
	allow := strings.Index(log, "add http://127.0.0.1:")
	open := strings.Index(log, "in your browser")
	if allow < 0 || open < 0 || allow > open || strings.Count(log, "API keys → Access") != 1 {
		t.Errorf("the allow-list note must come once, before the page's address:\n%s", log)
	}
	if out.Len() != 0 {
		t.Errorf("stdout holds %q before any callback", out)
	}
	return log
}

func TestTryRefusesBeforeSpendingAToken(t *testing.T) {
	sdk := filepath.Join(t.TempDir(), "not-the-sdk.js")
	if err := os.WriteFile(sdk, []byte("export const x = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	evil := base64.StdEncoding.EncodeToString([]byte("https://evil.example/link"))
	cases := []struct {
		args  []string
		wants []string
	}{
		{[]string{"--token", "abc", "--to", "base:USDC:0x71C7656EC7ab88b098defB751B7401B5f6d8976F"}, []string{"--token", "--to", "one or the other"}},
		{[]string{"--use-case", "withdrawal", "--user-id", "u1", "--sdk", filepath.Join(t.TempDir(), "missing.js")}, []string{"--sdk", "npx esbuild"}},
		{[]string{"--use-case", "withdrawal", "--user-id", "u1", "--sdk", sdk}, []string{"does not export createLink", "npx esbuild"}},
		{[]string{"--use-case", "withdrawal", "--user-id", "u1", "--sdk", "http://cdn.example/sdk.js"}, []string{"plain http"}},
		{[]string{"--token", evil}, []string{"not a Mesh Link host"}},
		{[]string{"--use-case", "withdrawal", "--user-id", "u1", "--timeout", "0s"}, []string{"--timeout"}},
	}
	for _, c := range cases {
		app, _, _ := testApp(t) // no network: nothing may be fetched
		err := Execute(context.Background(), app, append([]string{"try", "--no-open", "--addr", "127.0.0.1:0"}, c.args...))
		wantUsage(t, err, c.wants...)
	}
	app, _, _ := testApp(t)
	err := Execute(context.Background(), app, []string{"try", "--no-open", "--addr", "0.0.0.0:6374", "--use-case", "withdrawal", "--user-id", "u1"})
	if err == nil || !strings.Contains(err.Error(), "loopback") {
		t.Errorf("--addr off this machine: %v", err)
	}
}

package main

// End-to-end tests of meshlink's hardening: the secret stays home, hostile
// text stays inert, input is bounded, no save is lost.

import (
	"bufio"
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
)

func TestRedirectNeverCarriesTheSecretAway(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var stolen []string
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		stolen = append(stolen, r.Header.Get("X-Client-Secret"))
		mu.Unlock()
	}))
	defer elsewhere.Close()
	srv, calls := faultServer(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, elsewhere.URL+"/collect", http.StatusTemporaryRedirect)
	})
	r := meshlink(t, withCreds, "", append(append([]string{}, withdrawal...), "--base-url", srv.URL)...)
	mu.Lock()
	defer mu.Unlock()
	if len(stolen) != 0 {
		t.Fatalf("the redirect target received %d requests, secret %q", len(stolen), stolen)
	}
	if r.code != 1 || r.stdout != "" {
		t.Errorf("exit %d, stdout %q; want 1 and nothing", r.code, r.stdout)
	}
	for _, want := range []string{"HTTP 307", elsewhere.URL + "/collect", "nothing was sent there"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if calls.Load() != 1 {
		t.Errorf("the API host saw %d calls, want 1", calls.Load())
	}
	assertNoSecret(t, r)
}

func TestPlainHTTPBaseURLOnlyForLoopback(t *testing.T) {
	t.Parallel()
	// The address is never dialed: the refusal comes first.
	r := meshlink(t, withCreds, "", append(append([]string{}, withdrawal...), "--base-url", "http://mesh-proxy.invalid:8080")...)
	if r.code != 2 || !strings.Contains(r.stderr, "plain http") || !strings.Contains(r.stderr, "https://mesh-proxy.invalid:8080") {
		t.Errorf("exit %d, want 2 and a pointer to https:\n%s", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, "nothing was sent") {
		t.Errorf("stderr does not say nothing was sent:\n%s", r.stderr)
	}
	srv, calls := faultServer(t)
	local := strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)
	if r := meshlink(t, withCreds, "", append(append([]string{}, withdrawal...), "--base-url", local)...); r.code != 0 || calls.Load() != 1 {
		t.Errorf("http://localhost: exit %d after %d calls:\n%s", r.code, calls.Load(), r.stderr)
	}
}

// Two meshlinks at once: `presets save --force X` against `presets rename X
// Y`. When both exit 0, the saved content must be somewhere.
func TestPresetSaveForceRacingRenameAcrossProcesses(t *testing.T) {
	t.Parallel()
	config := t.TempDir()
	env := []string{"MESHLINK_CONFIG_DIR=" + config}
	body := func(user string) string {
		return `{"userId":"` + user + `","verifyWalletOptions":{"verificationMethods":["signedMessage"],"message":"hi","networkType":"evm"}}`
	}
	const trials = 15
	for i := range trials {
		x, y := fmt.Sprintf("x%d", i), fmt.Sprintf("y%d", i)
		if r := meshlink(t, env, body("old"), "presets", "save", x, "--body", "-"); r.code != 0 {
			t.Fatalf("save: %s", r.stderr)
		}
		var wg sync.WaitGroup
		var save, rename run
		wg.Add(2)
		go func() {
			defer wg.Done()
			save = meshlink(t, env, body("new"), "presets", "save", x, "--body", "-", "--force")
		}()
		go func() { defer wg.Done(); rename = meshlink(t, env, "", "presets", "rename", x, y) }()
		wg.Wait()
		if save.code != 0 || rename.code != 0 {
			t.Fatalf("trial %d: save exit %d (%s), rename exit %d (%s)", i, save.code, save.stderr, rename.code, rename.stderr)
		}
		found := false
		for _, name := range []string{x, y} {
			if r := meshlink(t, env, "", "presets", "export", name); r.code == 0 && strings.Contains(r.stdout, `"userId": "new"`) {
				found = true
			}
		}
		if !found {
			t.Fatalf("trial %d: both exited 0, but the saved preset is in neither %s nor %s", i, x, y)
		}
	}
}

func TestPresetStoreRefusals(t *testing.T) {
	t.Parallel()
	config := t.TempDir()
	env := []string{"MESHLINK_CONFIG_DIR=" + config}
	dir := filepath.Join(config, "presets")
	if err := os.MkdirAll(filepath.Join(dir, "folder.json"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "broken.json"), []byte(`{"version": 1, "na`), 0o600); err != nil {
		t.Fatal(err)
	}
	body := `{"userId":"u1"}`
	for _, c := range []struct {
		args  []string
		wants []string
	}{
		{[]string{"presets", "rm", "folder"}, []string{"folder.json", "is a directory"}},
		{[]string{"presets", "save", "broken", "--body", "-", "--force"}, []string{"broken.json", "never replaces it"}},
		{[]string{"presets", "save", "COM¹", "--body", "-"}, []string{"device name on Windows"}},
		{[]string{"presets", "save", "Broken", "--body", "-"}, []string{`differs from the existing preset "broken" only by case`}},
	} {
		r := meshlink(t, env, body, c.args...)
		if r.code != 2 {
			t.Errorf("%v: exit %d, want 2\n%s", c.args, r.code, r.stderr)
		}
		for _, w := range c.wants {
			if !strings.Contains(r.stderr, w) {
				t.Errorf("%v: stderr lacks %q:\n%s", c.args, w, r.stderr)
			}
		}
		if strings.Contains(r.stderr, "--force") {
			t.Errorf("%v: suggests --force, which cannot help:\n%s", c.args, r.stderr)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "broken.json")); string(b) != `{"version": 1, "na` {
		t.Errorf("broken.json changed: %q", b)
	}
	r := meshlink(t, env, "", "presets", "list")
	for _, w := range []string{"folder.json", "is a directory", "broken.json"} {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("presets list does not report %q:\n%s", w, r.stderr)
		}
	}
}

// The demo server's log shows a hostile request path inert.
func TestDemoServerLogIsClean(t *testing.T) {
	t.Parallel()
	cmd := exec.Command(binary, "demo-server", "--addr", "127.0.0.1:0")
	cmd.Env = []string{"MESHLINK_CONFIG_DIR=" + t.TempDir(), "MESHLINK_CACHE_DIR=" + t.TempDir()}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var errb syncBuffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Signal(syscall.SIGINT); _ = cmd.Wait() }()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	url := strings.TrimSpace(line[strings.Index(line, "http://"):])
	resp, err := http.Get(url + "/api/%1B]52;c;ZXZpbA==%07x%E2%80%AE%1B[2J")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	_ = cmd.Process.Signal(syscall.SIGINT)
	_ = cmd.Wait()
	log := errb.String()
	if !strings.Contains(log, "GET /api/") || !strings.Contains(log, "404") {
		t.Fatalf("the request is not in the log: %q", log)
	}
	if strings.ContainsAny(log, "\x1b\a\u202e") {
		t.Errorf("the log holds the raw path: %q", log)
	}
}

// syncBuffer is a bytes.Buffer safe to read while a process writes to it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

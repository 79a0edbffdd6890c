package main

// End-to-end tests of what meshlink does with a pay link and a token once
// they arrive: a pay link goes where Mesh's go or nowhere, a secret echoed
// back never shows, and a step after the fetch that fails still leaves the
// token printed.

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	neturl "net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// payment asks for a pay link.
var payment = []string{"token", "--use-case", "payment", "--user-id", "u1", "--transaction-id", "auto", "--pay-link",
	"--to", "base:USDC:0x71C7656EC7ab88b098defB751B7401B5f6d8976F:1"}

const genuineLink = "https://sandbox-web.meshconnect.com/b2b-iframe/client-id-e2e/broker-connect?auth_code=e2e"

var genuineToken = base64.StdEncoding.EncodeToString([]byte(genuineLink))

// answering is a server that answers every link-token request with token
// and payLink, as a hostile proxy behind --base-url would.
func answering(token, payLink string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		content := map[string]string{"linkToken": token}
		if payLink != "" {
			content["paymentLink"] = payLink
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"status": "ok", "content": content})
	}
}

// hostileAPI is a demo server whose link-token answers are answering's:
// a proxy behind --base-url that alters only the token and the pay link.
func hostileAPI(t *testing.T, answer http.HandlerFunc) *httptest.Server {
	t.Helper()
	d := startDemoServer(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.EqualFold(r.URL.Path, "/api/v1/linktoken") {
			answer(w, r)
			return
		}
		d.Handler().ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// browserRecorder is a $BROWSER that writes what it was given to a file.
func browserRecorder(t *testing.T) (script, record string) {
	dir := t.TempDir()
	script, record = filepath.Join(dir, "browser"), filepath.Join(dir, "opened")
	os.WriteFile(script, []byte("#!/bin/sh\nprintf '%s\\n' \"$@\" > '"+record+"'\n"), 0o700)
	return script, record
}

func TestHostilePayLinkIsRefusedNeverOpenedDrawnOrEmbedded(t *testing.T) {
	t.Parallel()
	for name, payLink := range map[string]string{
		"user_info":      "https://pay.meshconnect.com@evil.example/x",
		"foreign_host":   "https://evil.example",
		"plain_http":     "http://paylink.meshconnect.com/?linkToken=" + genuineToken,
		"lookalike_host": "https://paylink.meshconnect.com.evil.example/x",
	} {
		t.Run(name, func(t *testing.T) {
			srv := hostileAPI(t, answering(genuineToken, payLink))
			base := append(append([]string{}, payment...), "--base-url", srv.URL)

			r := meshlink(t, withCreds, "", append(base, "--json")...)
			var tok struct{ LinkToken, PaymentLink, LinkURL, Warning string }
			if err := json.Unmarshal([]byte(r.stdout), &tok); err != nil || r.code != 0 {
				t.Fatalf("--json: exit %d, %v\n%s\n%s", r.code, err, r.stdout, r.stderr)
			}
			if tok.LinkToken != genuineToken || tok.PaymentLink != "" || tok.LinkURL != genuineLink {
				t.Errorf("--json: %+v; want the token and its Link URL, and no pay link", tok)
			}
			if !strings.Contains(tok.Warning, "was refused") || !strings.Contains(r.stderr, "was refused") {
				t.Errorf("the refusal is not shown with its reason: warning %q\n%s", tok.Warning, r.stderr)
			}

			browser, record := browserRecorder(t)
			png := filepath.Join(t.TempDir(), "pay.png")
			r = meshlink(t, append([]string{"BROWSER=" + browser}, withCreds...), "", append(base, "--open", "--qr", png)...)
			if r.code != 1 || strings.TrimSpace(r.stdout) != genuineToken {
				t.Errorf("--open --qr: exit %d, stdout %q; want 1 and the token", r.code, r.stdout)
			}
			for _, want := range []string{"the token was fetched and printed", "nothing was opened: the pay link", "no QR code was written: the pay link", "was refused"} {
				if !strings.Contains(r.stderr, want) {
					t.Errorf("--open --qr: stderr lacks %q:\n%s", want, r.stderr)
				}
			}
			if strings.Contains(r.stderr, "nothing was sent") {
				t.Errorf("--open --qr: a fetched token is said to be unsent:\n%s", r.stderr)
			}
			if _, err := os.Stat(record); err == nil {
				t.Error("--open: the browser was started")
			}
			if _, err := os.Stat(png); err == nil {
				t.Error("--qr: a QR code was written")
			}

			r = meshlink(t, withCreds, "", append(base, "--snippet", "paylink")...)
			if r.code != 1 || strings.TrimSpace(r.stdout) != genuineToken {
				t.Errorf("--snippet paylink: exit %d, stdout %q; want 1 and the token alone", r.code, r.stdout)
			}
			if !strings.Contains(r.stderr, "no paylink snippet was printed: the pay link") {
				t.Errorf("--snippet paylink: stderr:\n%s", r.stderr)
			}
		})
	}
}

// A server or proxy that echoes X-Client-Secret into the pay link: the link
// shows with [MESH_CLIENT_SECRET] and is never opened, drawn or embedded.
// Into the token: no token is printed, since it would hand the secret to
// whoever opens it.
func TestSecretEchoedInPayLinkOrTokenNeverShows(t *testing.T) {
	t.Parallel()
	echo := "https://paylink.meshconnect.com/?linkToken=" + genuineToken + "&k=" + testSecret
	srv := hostileAPI(t, answering(genuineToken, echo))
	base := append(append([]string{}, payment...), "--base-url", srv.URL)
	png := filepath.Join(t.TempDir(), "pay.png")
	for _, args := range [][]string{{"--json"}, {"--qr", png}, {"--snippet", "paylink"}} {
		r := meshlink(t, withCreds, "", append(base, args...)...)
		assertNoSecret(t, r)
		if !strings.Contains(r.stdout+r.stderr, "&k=[MESH_CLIENT_SECRET]") || !strings.Contains(r.stderr, "holds MESH_CLIENT_SECRET") {
			t.Errorf("%v: the pay link is not shown refused, secret hidden:\n%s\n%s", args, r.stdout, r.stderr)
		}
		if want := map[bool]int{true: 0, false: 1}[args[0] == "--json"]; r.code != want {
			t.Errorf("%v: exit %d, want %d", args, r.code, want)
		}
	}
	if _, err := os.Stat(png); err == nil {
		t.Error("a QR code of the pay link was written")
	}

	leaky := base64.StdEncoding.EncodeToString([]byte(genuineLink + "&echo=" + testSecret))
	srv = hostileAPI(t, answering(leaky, ""))
	r := meshlink(t, withCreds, "", append(append([]string{}, withdrawal...), "--base-url", srv.URL, "--json")...)
	assertNoSecret(t, r)
	if r.code != 1 || r.stdout != "" || !strings.Contains(r.stderr, "&echo=[MESH_CLIENT_SECRET]") || !strings.Contains(r.stderr, "refusing to show the token") {
		t.Errorf("a token holding the secret: exit %d, stdout %q\n%s", r.code, r.stdout, r.stderr)
	}
}

// A step after the fetch that fails leaves the token printed and exits 1
// saying so: the token exists, and Mesh has counted it.
func TestAFailureAfterTheFetchStillPrintsTheToken(t *testing.T) {
	t.Parallel()
	t.Run("snippet_of_a_token_that_does_not_decode", func(t *testing.T) {
		srv := hostileAPI(t, answering("not a token!", ""))
		r := meshlink(t, withCreds, "", append(append([]string{}, withdrawal...), "--base-url", srv.URL, "--snippet", "web")...)
		if r.code != 1 || strings.TrimSpace(r.stdout) != "not a token!" {
			t.Errorf("exit %d, stdout %q; want 1 and the token", r.code, r.stdout)
		}
		for _, want := range []string{"the token was fetched and printed", "no web snippet was printed", "not a link token"} {
			if !strings.Contains(r.stderr, want) {
				t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
			}
		}
	})
	t.Run("pay_link_too_long_for_a_qr_code", func(t *testing.T) {
		// a loopback --base-url's own origin is trusted, as a demo-server's is
		srv := hostileAPI(t, func(w http.ResponseWriter, r *http.Request) {
			answering(genuineToken, "http://"+r.Host+"/demo/paylink?linkToken="+strings.Repeat("A", 5000))(w, r)
		})
		png := filepath.Join(t.TempDir(), "pay.png")
		r := meshlink(t, withCreds, "", append(append([]string{}, payment...), "--base-url", srv.URL, "--qr", png)...)
		if r.code != 1 || strings.TrimSpace(r.stdout) != genuineToken {
			t.Errorf("exit %d, stdout %q; want 1 and the token", r.code, r.stdout)
		}
		for _, want := range []string{"the token was fetched and printed", "no QR code was written of the pay link (5"} {
			if !strings.Contains(r.stderr, want) {
				t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
			}
		}
		if _, err := os.Stat(png); err == nil {
			t.Error("a QR code was written")
		}
	})
	t.Run("token_that_leads_nowhere_trusted_with_open", func(t *testing.T) {
		evil := base64.StdEncoding.EncodeToString([]byte("https://evil.example/x"))
		srv := hostileAPI(t, answering(evil, ""))
		browser, record := browserRecorder(t)
		r := meshlink(t, append([]string{"BROWSER=" + browser}, withCreds...), "", append(append([]string{}, withdrawal...), "--base-url", srv.URL, "--open")...)
		if r.code != 1 || strings.TrimSpace(r.stdout) != evil || !strings.Contains(r.stderr, "nothing was opened: the token leads nowhere meshlink trusts") {
			t.Errorf("exit %d, stdout %q:\n%s", r.code, r.stdout, r.stderr)
		}
		if _, err := os.Stat(record); err == nil {
			t.Error("the browser was started")
		}
	})
}

// The wizard, driven in tmux: a refused pay link is shown as refused, and
// o and w say so and neither start the browser nor write a PNG.
func TestWizardNeverOpensOrDrawsARefusedPayLink(t *testing.T) {
	t.Parallel()
	srv := hostileAPI(t, answering(genuineToken, "https://pay.meshconnect.com@evil.example/x"))
	dir := t.TempDir()
	browser, record := browserRecorder(t)
	e := newWizardEnv(t, append([]string{"BROWSER=" + browser}, withCreds...)...)
	body := `{"userId":"u1","transferOptions":{"transactionId":"tx-paylink","transferType":"payment","generatePayLink":true,` +
		`"toAddresses":[{"networkId":"aa883b03-120d-477c-a588-37c2afd3ca71","symbol":"USDC","address":"0x71C7656EC7ab88b098defB751B7401B5f6d8976F","amount":1}]}}`
	if r := meshlink(t, e.cliEnv(), body, "presets", "save", "paylink", "--body", "-"); r.code != 0 {
		t.Fatalf("presets save: exit %d\n%s", r.code, r.stderr)
	}
	w := startPane(t, e, "/bin/sh", "-c", `cd "$0" && exec "$@"`, dir, binary, "--base-url", srv.URL)
	w.waitFor("What should the link token do?")
	w.typ("p")
	w.waitFor("paylink", "payment")
	w.keys("Enter")
	w.waitFor("Payment › Preview", "ready to send")
	w.keys("Enter")
	w.waitFor("✓ link token from custom", "holds a user name", "refused; it is not opened")
	w.keys("o")
	w.waitFor("nothing done: the pay link")
	w.keys("w")
	if strings.Contains(w.capture(), "QR code of") {
		t.Error("a QR code is drawn")
	}
	w.keys("q")
	if code := w.waitExit(); code != 0 {
		t.Fatalf("q: exit status %d", code)
	}
	if _, err := os.Stat(record); err == nil {
		t.Error("o started the browser")
	}
	if pngs, _ := filepath.Glob(filepath.Join(dir, "*.png")); len(pngs) > 0 {
		t.Errorf("w wrote %v", pngs)
	}
}

// startDemoServerCommand runs `meshlink demo-server` on a free port with
// the state directory state, and returns its URL and what it printed first.
func startDemoServerCommand(t *testing.T, state string) (url, banner string) {
	t.Helper()
	cmd := exec.Command(binary, "demo-server", "--addr", "127.0.0.1:0")
	cmd.Env = []string{"HOME=" + t.TempDir(), "MESHLINK_CONFIG_DIR=" + t.TempDir(), "MESHLINK_CACHE_DIR=" + t.TempDir(), "MESHLINK_STATE_DIR=" + state}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Signal(syscall.SIGINT); _ = cmd.Wait() })
	rd := bufio.NewReader(stdout)
	var lines []string
	for len(lines) == 0 || !strings.Contains(lines[len(lines)-1], "ctrl+c stops it") {
		line, err := rd.ReadString('\n')
		if err != nil {
			t.Fatalf("demo-server said %q, then %v", lines, err)
		}
		lines = append(lines, line)
	}
	go io.Copy(io.Discard, rd)
	first := lines[0]
	return strings.TrimSpace(first[strings.Index(first, "http://"):]), strings.Join(lines, "")
}

// The demo environment uses a server at its address (MESHLINK_DEMO_SERVER
// here, 127.0.0.1:8080 by default) only when it proves it is the user's
// `meshlink demo-server`: an impostor that answers like one, or hands the
// probe on to a real one, is never sent a request, and its pay link never
// shows.
func TestDemoEnvironmentUsesOnlyADemoServerThatProvesItself(t *testing.T) {
	t.Parallel()
	const hostile = "https://pay.meshconnect.com@evil.example/x"
	var mu sync.Mutex
	var asked []string
	impostor := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked = append(asked, r.URL.Path)
		mu.Unlock()
		w.Header().Set("X-Meshlink-Demo", "1") // what the probe once took for proof
		answering(genuineToken, hostile)(w, r)
	}))
	defer impostor.Close()
	state := t.TempDir()
	url, banner := startDemoServerCommand(t, state)
	keyPath := filepath.Join(state, "demo-server.key")
	if !strings.Contains(banner, "MESHLINK_DEMO_SERVER="+url+": it proves it is yours with the key in "+keyPath) {
		t.Errorf("demo-server does not say how meshlink finds it:\n%s", banner)
	}
	if fi, err := os.Stat(keyPath); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("the key file: %v", err)
	}
	target, _ := neturl.Parse(url)
	relay := httptest.NewServer(httputil.NewSingleHostReverseProxy(target))
	defer relay.Close()

	for _, fake := range []string{impostor.URL, relay.URL} {
		r := meshlink(t, []string{"MESHLINK_DEMO_SERVER=" + fake, "MESHLINK_STATE_DIR=" + state}, "", append(append([]string{}, payment...), "--json")...)
		var tok struct{ PaymentLink, LinkURL string }
		if err := json.Unmarshal([]byte(r.stdout), &tok); err != nil || r.code != 0 {
			t.Fatalf("%s: exit %d, %v\n%s", fake, r.code, err, r.stderr)
		}
		if strings.HasPrefix(tok.LinkURL, url) || strings.Contains(r.stdout, "evil.example") || !strings.HasPrefix(tok.PaymentLink, "http://127.0.0.1:") {
			t.Errorf("%s: the token came from it: %+v", fake, tok)
		}
		for _, want := range []string{"built-in demo server", "not what answers at " + fake, "it did not prove it holds the key in " + keyPath} {
			if !strings.Contains(r.stderr, want) {
				t.Errorf("%s: stderr lacks %q:\n%s", fake, want, r.stderr)
			}
		}
	}
	mu.Lock()
	if len(asked) != 1 || asked[0] != "/demo/identity" {
		t.Errorf("the impostor was asked %q; want the probe alone", asked)
	}
	mu.Unlock()

	r := meshlink(t, []string{"MESHLINK_DEMO_SERVER=" + url, "MESHLINK_STATE_DIR=" + state}, "", append(append([]string{}, payment...), "--json")...)
	var tok struct{ PaymentLink string }
	json.Unmarshal([]byte(r.stdout), &tok)
	if r.code != 0 || !strings.HasPrefix(tok.PaymentLink, url+"/") {
		t.Errorf("the user's demo-server was not used: exit %d, pay link %q\n%s", r.code, tok.PaymentLink, r.stderr)
	}
	if want := "the `meshlink demo-server` running at " + url + " (it proved it is yours: it holds the key in " + keyPath + ")"; !strings.Contains(r.stderr, want) {
		t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
	}
}

// $BROWSER as README writes it: a program in a folder with spaces, quoted,
// with %s inside an argument.
func TestOpenWithABrowserInAFolderWithSpaces(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "My Browser")
	os.Mkdir(dir, 0o700)
	script, record := filepath.Join(dir, "open it"), filepath.Join(dir, "opened")
	os.WriteFile(script, []byte("#!/bin/sh\nprintf '%s\\n' \"$@\" > '"+record+"'\n"), 0o700)
	r := meshlink(t, []string{"BROWSER='" + script + "' --url=%s"}, "", append(append([]string{}, withdrawal...), "--json", "--open")...)
	var tok struct{ LinkURL string }
	json.Unmarshal([]byte(r.stdout), &tok)
	if r.code != 0 || tok.LinkURL == "" || !strings.Contains(r.stderr, "opened the Link URL in your browser") {
		t.Fatalf("exit %d, Link URL %q\n%s", r.code, tok.LinkURL, r.stderr)
	}
	if got, _ := os.ReadFile(record); string(got) != "--url="+tok.LinkURL+"\n" {
		t.Errorf("the browser got %q, want --url=%s", got, tok.LinkURL)
	}
}

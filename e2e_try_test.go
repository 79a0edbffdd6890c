//go:build linux

package main

// End-to-end tests of `meshlink try` in headless Chromium: Mesh's real web
// SDK at the pinned version, bundled from npm at test time, opening Link
// with a token, and every callback reaching the terminal.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gofrs/flock"

	"github.com/meshlink/meshlink/mesh/snippet"
)

const esbuildPackage = "esbuild@0.28.2"

// webSDKBundle is Mesh's web SDK at the version the web snippet names,
// bundled as `meshlink try --sdk` takes it (README's command), once per
// cache.
func webSDKBundle(t *testing.T) string {
	t.Helper()
	dir := npmPackages(t, esbuildPackage, "@meshconnect/web-link-sdk@"+snippet.WebSDKVersion)
	bundle := filepath.Join(dir, "mesh-link-sdk.js")
	lock := flock.New(filepath.Join(dir, ".bundle.lock"))
	if err := lock.Lock(); err != nil {
		t.Fatal(err)
	}
	defer lock.Unlock()
	if _, err := os.Stat(bundle); err == nil {
		return bundle
	}
	tmp := bundle + ".tmp"
	cmd := exec.Command(filepath.Join(dir, "node_modules", ".bin", "esbuild"), "@meshconnect/web-link-sdk", "--bundle", "--format=esm", "--outfile="+tmp)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("esbuild: %v\n%s", err, out)
	}
	if err := os.Rename(tmp, bundle); err != nil {
		t.Fatal(err)
	}
	return bundle
}

// chromium opens url in headless Chromium with a fresh profile, until the
// test ends.
func chromium(t *testing.T, url string) {
	t.Helper()
	path := needTool(t, "chromium", "apt-get install chromium")
	cmd := exec.Command(path, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir="+t.TempDir(), url)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		_ = cmd.Wait()
		if t.Failed() {
			var lines []string
			for _, l := range strings.Split(log.String(), "\n") {
				if !strings.Contains(l, "dbus") {
					lines = append(lines, l)
				}
			}
			t.Logf("chromium:\n%s", strings.Join(lines, "\n"))
		}
	})
}

// tryRun is a `meshlink try --no-open` running in the background.
type tryRun struct {
	cmd    *exec.Cmd
	page   string
	out    bytes.Buffer
	errLog bytes.Buffer
	done   chan struct{}
}

var pageLine = regexp.MustCompile(`open (http://\S+/try/[0-9a-f]+) in your browser`)

// startTry starts meshlink try and waits for the page's address.
func startTry(t *testing.T, env []string, args ...string) *tryRun {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	r := &tryRun{done: make(chan struct{})}
	r.cmd = exec.CommandContext(ctx, binary, append([]string{"try", "--no-open", "--addr", "127.0.0.1:0"}, args...)...)
	r.cmd.Env = append([]string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(),
		"MESHLINK_CONFIG_DIR=" + t.TempDir(), "MESHLINK_CACHE_DIR=" + t.TempDir(), "MESHLINK_STATE_DIR=" + t.TempDir(),
		"MESHLINK_DEMO_SERVER=off",
	}, env...)
	r.cmd.Stdout = &r.out
	stderr, err := r.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := r.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	found := make(chan string, 1)
	go func() {
		defer close(r.done)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			r.errLog.WriteString(sc.Text() + "\n")
			if m := pageLine.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
	}()
	select {
	case r.page = <-found:
	case <-r.done:
		_ = r.cmd.Wait()
		t.Fatalf("meshlink try ended before serving its page:\n%s", r.errLog.String())
	}
	return r
}

// wait is the run's exit status, once it ends.
func (r *tryRun) wait(t *testing.T) int {
	t.Helper()
	<-r.done
	err := r.cmd.Wait()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		return exit.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	return 0
}

// standInLink is a page that posts to its parent what real Link posts, as a
// Link that misbehaves might: names with escape sequences and bidi
// characters, tokens a careless log would print.
func standInLink(t *testing.T) *httptest.Server {
	t.Helper()
	const hostileName = "Binance \u202e gnp.exe \x1b]52;c;ZXZpbA==\x07\x1b[31m"
	scripts := map[string]string{
		"transfer-succeeds": `
send('integrationSelected', {integrationType: 'binance', integrationName: ` + jsString(hostileName) + `})
send('brokerageAccountAccessToken', {accountTokens: [{account: {accountId: 'a1', accountName: 'Main'}, accessToken: 'SECRET-AT', refreshToken: 'SECRET-RT', tokenId: 'SECRET-TID'}], brokerType: 'binance', brokerName: 'Binance', brokerBrandInfo: {brokerLogo: ''}})
send('transferStarted', {integrationName: 'Binance'})
send('transferFinished', {status: 'success', txId: 'tx-1', fromAddress: 'from', toAddress: 'to', symbol: 'USDC', amount: 10.5, networkId: 'net', networkName: 'Base', txHash: '0xabc', transferId: 'transfer-1', clientTransactionId: 'order-42'})
send('done', {page: 'transferExecutedPage'})`,
		"user-exits": `
send('close', {page: 'integrationSelectionPage'})`,
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		script, ok := scripts[strings.TrimPrefix(r.URL.Path, "/link/")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, `<!doctype html><p>stand-in Link</p><script>
const send = (type, payload) => parent.postMessage({type, payload}, '*')
send('loaded')`+script+`</script>`)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// jsString is s as a JavaScript string literal (JSON's are).
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func tokenFor(url string) string { return base64.StdEncoding.EncodeToString([]byte(url)) }

// eventNames are the callbacks of a --json run, onEvent's by their type.
func eventNames(t *testing.T, out string) []string {
	t.Helper()
	var names []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var e struct {
			Event   string `json:"event"`
			At      string `json:"at"`
			Payload struct {
				Type string `json:"type"`
			} `json:"payload"`
		}
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("not a JSON line: %q: %v", line, err)
		}
		if _, err := time.Parse(time.RFC3339Nano, e.At); err != nil {
			t.Errorf("at %q: %v", e.At, err)
		}
		name := e.Event
		if e.Event == "event" {
			name = "event:" + e.Payload.Type
		}
		names = append(names, name)
	}
	return names
}

// demoServer is a `meshlink demo-server --autoplay` in the background; its
// script changes with play.
type demoServer struct{ url string }

func startAutoplayServer(t *testing.T, script string) *demoServer {
	t.Helper()
	return &demoServer{url: runDemoServer(t, "", "--autoplay", script)}
}

// play makes the Link pages opened from now on play script.
func (d *demoServer) play(t *testing.T, script string) {
	t.Helper()
	res, err := http.Post(d.url+"/demo/link/autoplay", "application/json", strings.NewReader(`{"script":"`+script+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode/100 != 2 {
		t.Fatalf("autoplay %s: HTTP %d", script, res.StatusCode)
	}
}

// callbacksOf splits a run's events: the callbacks besides onEvent, and
// onEvent's types.
func callbacksOf(names []string) (callbacks, events []string) {
	for _, n := range names {
		if t, ok := strings.CutPrefix(n, "event:"); ok {
			events = append(events, t)
		} else {
			callbacks = append(callbacks, n)
		}
	}
	return callbacks, events
}

// inOrder reports whether want appear in got in this order.
func inOrder(got, want []string) bool {
	i := 0
	for _, g := range got {
		if i < len(want) && g == want[i] {
			i++
		}
	}
	return i == len(want)
}

const (
	tryAddress = "0x71C7656EC7ab88b098defB751B7401B5f6d8976F"
)

func TestTryShowsEveryCallbackOfMeshsSDK(t *testing.T) {
	t.Parallel()
	sdk := webSDKBundle(t)
	needTool(t, "chromium", "apt-get install chromium")
	demo := startAutoplayServer(t, "transfer-succeeds")
	deposit := []string{"--use-case", "deposit", "--user-id", "u1", "--transaction-id", "order-42", "--to", "base:USDC:" + tryAddress}
	payment := []string{"--use-case", "payment", "--user-id", "u1", "--transaction-id", "order-43", "--to", "base:USDC:" + tryAddress + ":10"}
	verify := []string{"--use-case", "verify", "--user-id", "u1", "--verify-message", "Prove it", "--verify-network-type", "evm"}
	withdrawal := []string{"--use-case", "withdrawal", "--user-id", "u1"}
	cases := []struct {
		name, script string
		args         []string
		callbacks    []string // in exactly this order
		events       []string // onEvent types, in this order, others between
		code         int
	}{
		{"deposit succeeds", "transfer-succeeds", deposit, []string{"integrationConnected", "transferFinished", "exit"},
			[]string{"pageLoaded", "integrationSelected", "integrationConnected", "transferStarted", "transferPreviewed", "transferExecuted", "transferCompleted"}, 0},
		{"payment succeeds", "transfer-succeeds", payment, []string{"integrationConnected", "transferFinished", "exit"},
			[]string{"pageLoaded", "integrationConnected", "transferPreviewed", "transferCompleted"}, 0},
		{"payment fails", "transfer-fails", payment, []string{"integrationConnected", "exit"},
			[]string{"pageLoaded", "integrationConnected", "transferExecutionError"}, 1},
		{"deposit with no eligible assets", "no-eligible-assets", deposit, []string{"integrationConnected", "exit"},
			[]string{"pageLoaded", "integrationConnected", "transferNoEligibleAssets"}, 1},
		{"payment the user exits", "user-exits", payment, []string{"exit"}, []string{"pageLoaded", "integrationSelected"}, 1},
		{"verify succeeds", "transfer-succeeds", verify, nil, []string{"pageLoaded", "walletMessageSigned"}, 0},
		{"verify rejected", "verify-rejected", verify, nil, []string{"pageLoaded", "verifyWalletRejected"}, 1},
		{"withdrawal connects", "transfer-succeeds", withdrawal, []string{"integrationConnected", "exit"}, []string{"pageLoaded", "integrationConnected"}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			demo.play(t, c.script)
			args := append([]string{"--base-url", demo.url, "--sdk", sdk, "--json"}, c.args...)
			r := startTry(t, []string{"MESH_CLIENT_ID=x", "MESH_CLIENT_SECRET=y"}, args...)
			chromium(t, r.page)
			code := r.wait(t)
			names := eventNames(t, r.out.String())
			callbacks, events := callbacksOf(names)
			if c.callbacks == nil {
				callbacks = callbacks[len(callbacks)-1:] // only exit must be there
				c.callbacks = []string{"exit"}
			}
			if code != c.code || strings.Join(callbacks, " ") != strings.Join(c.callbacks, " ") || !inOrder(events, c.events) {
				t.Errorf("exit %d, callbacks %v, events:\n  %s\nwant exit %d, callbacks %v, events in order %v\nstderr:\n%s",
					code, callbacks, strings.Join(events, " "), c.code, c.callbacks, c.events, r.errLog.String())
			}
			if all := r.out.String() + r.errLog.String(); strings.Contains(all, "accessToken\":\"") && !strings.Contains(all, "accessToken\":\"[masked]") {
				t.Errorf("an access token reached the terminal:\n%s", all)
			}
		})
	}
}

func TestTryTextIsCleanedAndSaysTheOutcome(t *testing.T) {
	t.Parallel()
	link := standInLink(t)
	r := startTry(t, nil, "--token", tokenFor(link.URL+"/link/transfer-succeeds"), "--use-case", "deposit", "--sdk", webSDKBundle(t))
	chromium(t, r.page)
	if code := r.wait(t); code != 0 {
		t.Fatalf("exit %d\n%s", code, r.errLog.String())
	}
	out := r.out.String()
	for _, want := range []string{"integration connected  Binance, 1 account",
		"transfer finished  success · 10.5 USDC · on Base · txHash 0xabc · transferId transfer-1 · clientTransactionId order-42",
		"exit  no error · summary page transferExecutedPage"} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	if strings.ContainsAny(out, "\x1b\x07\u202e") {
		t.Errorf("escape or bidi characters reached the terminal:\n%q", out)
	}
	if !strings.Contains(r.errLog.String(), "the Deposit goal was reached") {
		t.Errorf("stderr:\n%s", r.errLog.String())
	}
}

func TestTryEventEndpointRefusesOthersAndSaysSo(t *testing.T) {
	t.Parallel()
	link := standInLink(t)
	r := startTry(t, nil, "--token", tokenFor(link.URL+"/link/user-exits"), "--sdk", webSDKBundle(t))
	events := r.page + "/events"
	for _, req := range []*http.Request{
		mustRequest(t, r.page[:strings.LastIndex(r.page, "/")]+"/0123/events", "", `{"callback":"exit"}`),
		mustRequest(t, events, "https://evil.example", `{"callback":"exit"}`),
		mustRequest(t, events, "", `{"callback":"exit"}`),
	} {
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("%s (Origin %q): HTTP %d", req.URL, req.Header.Get("Origin"), res.StatusCode)
		}
	}
	chromium(t, r.page)
	if code := r.wait(t); code != 1 {
		t.Errorf("exit %d, want 1 (the user exited)", code)
	}
	// one warning a reason: the first request of each kind
	for _, want := range []string{"refused an event without this run's secret", "refused an event from https://evil.example"} {
		if !strings.Contains(r.errLog.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.errLog.String())
		}
	}
}

func TestTrySaysWhenTheSDKCannotBeLoaded(t *testing.T) {
	t.Parallel()
	needTool(t, "chromium", "apt-get install chromium")
	cdn := httptest.NewServer(http.NotFoundHandler()) // a CDN that has nothing
	defer cdn.Close()
	link := standInLink(t)
	r := startTry(t, nil, "--token", tokenFor(link.URL+"/link/user-exits"), "--cdn", cdn.URL)
	chromium(t, r.page)
	if code := r.wait(t); code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	for _, want := range []string{"could not load Mesh's web SDK", "npx esbuild @meshconnect/web-link-sdk --bundle --format=esm", "--sdk mesh-link-sdk.js"} {
		if !strings.Contains(r.errLog.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.errLog.String())
		}
	}
}

func mustRequest(t *testing.T, url, origin, body string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	return req
}

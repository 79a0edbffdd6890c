package main

// End-to-end tests of the wizard: the real binary runs in a detached tmux
// session of its own, is driven with send-keys and read with capture-pane,
// as a person at an 80×24 terminal would use it. They reuse TestMain's
// binary and the helpers of e2e_cli_test.go.

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/mesh/demo"
)

// waitTimeout bounds every wait for the screen: generous, because the suite
// runs under -race beside other packages on a busy 2-core machine (a shell
// loading bash-completion took over 10 s at a load average of 40). It costs
// nothing when the screen is right: tests wait for conditions, never for time.
const waitTimeout = 30 * time.Second

// tmuxConf keeps a finished pane on screen, so what the binary printed
// last can be read, and lets programs set tmux's buffers with OSC 52, so a
// copy can be checked.
const tmuxConf = "set -g remain-on-exit on\nset -g set-clipboard on\n"

var tmuxSessions atomic.Int64

// wizardEnv is everything one run of the wizard sees: config, cache and
// home directories of its own and the variables given; nothing is inherited
// from the test's environment.
type wizardEnv struct {
	config, cache, home string
	vars                []string
}

// newWizardEnv makes fresh directories; when the test ends, no file in them
// may hold the client secret.
func newWizardEnv(t *testing.T, vars ...string) *wizardEnv {
	t.Helper()
	e := &wizardEnv{config: t.TempDir(), cache: t.TempDir(), home: t.TempDir(), vars: vars}
	t.Cleanup(func() { assertNoSecretInFiles(t, e.config, e.cache, e.home) })
	return e
}

// cliEnv is the environment of a `meshlink` command run against the same
// configuration directory.
func (e *wizardEnv) cliEnv() []string {
	return append([]string{"MESHLINK_CONFIG_DIR=" + e.config, "MESHLINK_CACHE_DIR=" + e.cache}, e.vars...)
}

// tmuxWizard is the binary running in a detached tmux session on a socket
// of its own.
type tmuxWizard struct {
	t      *testing.T
	socket string
	// exitFile receives the binary's exit status from the shell that ran it.
	exitFile string
	last     string
	// leaked is set once the secret was seen on screen, to report it once.
	leaked bool
}

// startWizard runs `meshlink args...` at 80×24 and waits for its first screen.
func startWizard(t *testing.T, e *wizardEnv, args ...string) *tmuxWizard {
	t.Helper()
	return startWizardWith(t, e, paneOptions{}, args...)
}

// startWizardWith is startWizard with the pane's size and tmux set up as o says.
func startWizardWith(t *testing.T, e *wizardEnv, o paneOptions, args ...string) *tmuxWizard {
	t.Helper()
	w := startPaneWith(t, e, o, append([]string{binary}, args...)...)
	w.waitFor("What should the link token do?")
	return w
}

// paneOptions say how startPaneWith sets the pane up.
type paneOptions struct {
	width, height int // 80×24 when zero
	// conf is tmux's configuration; tmuxConf when empty.
	conf string
	// inTmux lets the binary know it runs in tmux (TMUX, TMUX_PANE), so it
	// asks this tmux how it treats OSC 52.
	inTmux bool
}

// startPane runs argv at 80×24 in a tmux session of its own, with e's
// environment.
func startPane(t *testing.T, e *wizardEnv, argv ...string) *tmuxWizard {
	t.Helper()
	return startPaneWith(t, e, paneOptions{}, argv...)
}

func startPaneWith(t *testing.T, e *wizardEnv, o paneOptions, argv ...string) *tmuxWizard {
	t.Helper()
	if o.width == 0 {
		o.width, o.height = 80, 24
	}
	if o.conf == "" {
		o.conf = tmuxConf
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	envPath, err := exec.LookPath("env")
	if err != nil {
		t.Fatal(err)
	}
	conf := filepath.Join(t.TempDir(), "tmux.conf")
	if err := os.WriteFile(conf, []byte(o.conf), 0o600); err != nil {
		t.Fatal(err)
	}
	w := &tmuxWizard{
		t:        t,
		socket:   fmt.Sprintf("meshlink-e2e-%d-%d", os.Getpid(), tmuxSessions.Add(1)),
		exitFile: filepath.Join(t.TempDir(), "exit"),
	}
	// The shell waits for the binary and writes its status: tmux 3.3 now and
	// then never reaps a pane's process, so #{pane_dead_status} is no witness.
	// It outlives a ctrl+c that reaches it as SIGINT (the accessible mode
	// reads in the terminal's cooked mode), so the status is still written.
	script := `trap : INT; f=$1; shift; "$@"; echo $? > "$f.tmp" && mv "$f.tmp" "$f"`
	if o.inTmux { // tmux gave the shell its TMUX and TMUX_PANE: on through env -i
		script = `trap : INT; f=$1; e=$2; shift 2; "$e" -i TMUX="$TMUX" TMUX_PANE="$TMUX_PANE" "$@"; echo $? > "$f.tmp" && mv "$f.tmp" "$f"`
	}
	run := []string{envPath, "-i"}
	if o.inTmux {
		run = run[:1] // the script adds -i and tmux's variables
	}
	cmd := append([]string{"/bin/sh", "-c", script, "sh", w.exitFile}, run...)
	cmd = append(cmd,
		"PATH="+os.Getenv("PATH"), "HOME="+e.home, "TERM=xterm-256color", "NO_COLOR=1",
		"MESHLINK_CONFIG_DIR="+e.config, "MESHLINK_CACHE_DIR="+e.cache,
		"MESHLINK_CLIPBOARD=osc52", // never the desktop's clipboard; tmux's buffer shows what was copied
	)
	cmd = append(append(cmd, e.vars...), argv...)
	// several arguments: tmux runs the command as given, no quoting needed
	if _, err := w.tmux(append([]string{"-f", conf, "new-session", "-d", "-s", "wizard", "-x", strconv.Itoa(o.width), "-y", strconv.Itoa(o.height)}, cmd...)...); err != nil {
		t.Fatal(err)
	}
	// tmux leaves its socket behind when the server ends
	socketPath, err := w.tmux("display-message", "-p", "#{socket_path}")
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("last screen of the wizard:\n%s", w.capture())
		}
		_, _ = w.tmux("kill-server")
		if err == nil {
			_ = os.Remove(strings.TrimSpace(socketPath))
		}
	})
	return w
}

// tmux runs a tmux command on the session's own server.
func (w *tmuxWizard) tmux(args ...string) (string, error) {
	cmd := exec.Command("tmux", append([]string{"-u", "-L", w.socket}, args...)...)
	cmd.Env = tmuxEnv()
	out, err := cmd.CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("tmux %s: %v: %s", strings.Join(args, " "), err, out)
	}
	return string(out), nil
}

// tmuxEnv is the test's environment without a surrounding tmux session,
// which would otherwise be taken for this one.
func tmuxEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "TMUX=") && !strings.HasPrefix(kv, "TMUX_PANE=") {
			env = append(env, kv)
		}
	}
	return env
}

// keys presses keys by tmux's names: Enter, Tab, Space, Escape, C-c, NPage…
func (w *tmuxWizard) keys(keys ...string) {
	w.t.Helper()
	if _, err := w.tmux(append([]string{"send-keys", "-t", "wizard"}, keys...)...); err != nil {
		w.t.Fatal(err)
	}
}

// typ types text literally.
func (w *tmuxWizard) typ(text string) {
	w.t.Helper()
	if _, err := w.tmux("send-keys", "-t", "wizard", "-l", "--", text); err != nil { // text may start with a dash
		w.t.Fatal(err)
	}
}

// capture is the screen now (the last one, once the server is gone). Every
// capture is checked for the client secret.
func (w *tmuxWizard) capture() string {
	w.t.Helper()
	out, err := w.tmux("capture-pane", "-p", "-t", "wizard")
	if err != nil {
		return w.last
	}
	w.last = out
	if strings.Contains(out, testSecret) && !w.leaked {
		w.leaked = true
		w.t.Errorf("the client secret is on screen:\n%s", out)
	}
	return out
}

// waitUntil polls the screen until ok holds, and returns that screen.
func (w *tmuxWizard) waitUntil(what string, ok func(screen string) bool) string {
	w.t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for {
		s := w.capture()
		if ok(s) {
			return s
		}
		if time.Now().After(deadline) {
			w.t.Fatalf("waited %v for %s", waitTimeout, what)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// waitFor waits until the screen shows every one of subs.
func (w *tmuxWizard) waitFor(subs ...string) string {
	w.t.Helper()
	return w.waitUntil(fmt.Sprintf("%q on screen", subs), func(s string) bool {
		for _, sub := range subs {
			if !strings.Contains(s, sub) {
				return false
			}
		}
		return true
	})
}

// waitMatch waits until re matches the screen and returns its submatches.
func (w *tmuxWizard) waitMatch(re *regexp.Regexp) []string {
	w.t.Helper()
	var m []string
	w.waitUntil(fmt.Sprintf("/%s/ on screen", re), func(s string) bool {
		m = re.FindStringSubmatch(s)
		return m != nil
	})
	return m
}

var networkRow = regexp.MustCompile(`^(› |  )\[[ x]\] (.{14})`)

// pick moves the cursor of the network list to the row of name (the list
// order is the catalog's and the filter's business) and toggles it.
func (w *tmuxWizard) pick(name string) {
	w.t.Helper()
	cursor, target := -1, -1
	w.waitUntil("network "+name+" listed", func(s string) bool {
		cursor, target = -1, -1
		row := 0
		for _, l := range strings.Split(s, "\n") {
			m := networkRow.FindStringSubmatch(l)
			if m == nil {
				continue
			}
			if m[1] == "› " {
				cursor = row
			}
			if strings.TrimSpace(m[2]) == name {
				target = row
			}
			row++
		}
		return cursor >= 0 && target >= 0
	})
	move, n := "Down", target-cursor
	if n < 0 {
		move, n = "Up", -n
	}
	for range n {
		w.keys(move)
	}
	w.waitMatch(regexp.MustCompile(`(?m)^› \[ \] ` + regexp.QuoteMeta(name) + ` `))
	w.keys("Space")
	w.waitMatch(regexp.MustCompile(`(?m)^› \[x\] ` + regexp.QuoteMeta(name) + ` `))
}

// waitExit waits for the binary to end and returns its exit status.
func (w *tmuxWizard) waitExit() int {
	w.t.Helper()
	var status []byte
	w.waitUntil("the wizard to exit", func(string) bool {
		b, err := os.ReadFile(w.exitFile)
		status = b
		return err == nil
	})
	code, err := strconv.Atoi(strings.TrimSpace(string(status)))
	if err != nil {
		w.t.Fatalf("exit status %q: %v", status, err)
	}
	return code
}

// history is the screen with what scrolled off it (the pane keeps the lines
// printed after the wizard left the alternate screen).
func (w *tmuxWizard) history() string {
	w.t.Helper()
	out, err := w.tmux("capture-pane", "-p", "-S", "-", "-t", "wizard")
	if err != nil {
		w.t.Fatal(err)
	}
	if strings.Contains(out, testSecret) {
		w.t.Errorf("the client secret is on screen:\n%s", out)
	}
	return out
}

// waitCopied waits until tmux's newest paste buffer, where an OSC 52 copy
// of the wizard lands, satisfies ok, and returns it.
func (w *tmuxWizard) waitCopied(what string, ok func(buffer string) bool) string {
	w.t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for {
		buf, err := w.tmux("show-buffer")
		if err == nil && ok(buf) {
			return buf
		}
		if time.Now().After(deadline) {
			w.t.Fatalf("waited %v for %s to be copied; tmux's buffer holds %q", waitTimeout, what, buf)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// section joins the lines under a heading of the result screen, which wraps
// long values.
func section(screen, heading string) string {
	lines := strings.Split(screen, "\n")
	for i, l := range lines {
		if strings.TrimSpace(l) != heading {
			continue
		}
		var b strings.Builder
		for _, v := range lines[i+1:] { // the value, wrapped, up to a blank line
			if strings.TrimSpace(v) == "" {
				break
			}
			b.WriteString(strings.TrimSpace(v))
		}
		return b.String()
	}
	return ""
}

func startDemoServer(t *testing.T) *demo.Server {
	t.Helper()
	srv, err := demo.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv
}

// linkTokenRequests are the POSTs of link tokens the server received.
func linkTokenRequests(srv *demo.Server) []demo.Request {
	var out []demo.Request
	for _, r := range srv.Requests() {
		if r.Path == mesh.PathLinkToken {
			out = append(out, r)
		}
	}
	return out
}

var (
	txIDInBody    = regexp.MustCompile(`"transactionId": "([^"]*)"`)
	countdownLine = regexp.MustCompile(`valid for (\d+:\d\d) more \(until [0-9:]+\) · single use: it works once`)
)

// placeholderTxID replaces the generated transactionId of a body with a
// fixed placeholder, for a golden file, and returns the id it held.
func placeholderTxID(t *testing.T, body []byte) (string, []byte) {
	t.Helper()
	m := txIDInBody.FindSubmatch(body)
	if m == nil {
		t.Fatalf("no transactionId in the body:\n%s", body)
	}
	return string(m[1]), txIDInBody.ReplaceAll(body, []byte(`"transactionId": "<generated>"`))
}

// assertSentOnce checks the one link-token request the server received:
// the credential headers and the body, against a golden file with the
// transactionId replaced when the use case has one. It returns the
// transactionId sent.
func assertSentOnce(t *testing.T, srv *demo.Server, goldenName string) string {
	t.Helper()
	reqs := linkTokenRequests(srv)
	if len(reqs) != 1 {
		t.Fatalf("the server got %d link-token requests, want 1", len(reqs))
	}
	got := reqs[0]
	if got.Header.Get("X-Client-Id") != testClientID || got.Header.Get("X-Client-Secret") != testSecret {
		t.Errorf("credential headers = %q / %q", got.Header.Get("X-Client-Id"), got.Header.Get("X-Client-Secret"))
	}
	body, tx := got.Body, ""
	if bytes.Contains(body, []byte(`"transactionId"`)) {
		tx, body = placeholderTxID(t, body)
	}
	golden(t, filepath.Join("testdata", "e2e", goldenName), body)
	return tx
}

// assertToken checks the result screen: the token is the server's (it
// decodes to the Link URL shown, on the server, for this client and use
// case), it is single use and counts down. It returns the token.
func assertToken(t *testing.T, screen string, srv *demo.Server, useCase string) string {
	t.Helper()
	token := section(screen, "Token")
	link := section(screen, "Link URL (what the token opens)")
	decoded, err := base64.StdEncoding.DecodeString(token)
	if err != nil || string(decoded) != link {
		t.Fatalf("the token on screen %q does not decode to the Link URL %q (%v)", token, link, err)
	}
	u, err := url.Parse(link)
	if err != nil || !strings.HasPrefix(link, srv.URL+"/demo/b2b-iframe/"+testClientID+"/broker-connect?") || u.Query().Get("use_case") != useCase {
		t.Errorf("the link %q is not the server's %s link for %s", link, useCase, testClientID)
	}
	if !countdownLine.MatchString(screen) {
		t.Errorf("no countdown with 'single use' on the result screen")
	}
	return token
}

// walkDeposit goes from the first screen to the preview of a deposit for
// user-42 on Ethereum and Solana, both in USDC (the token the network filter
// named), and returns the transactionId the preview shows.
func walkDeposit(w *tmuxWizard) string {
	w.t.Helper()
	w.typ("1")
	w.waitFor("Deposit › Details", "› User ID")
	w.typ("user-42")
	w.waitFor("user-42")
	w.keys("Enter")
	w.waitFor("Deposit › Networks", "Filter:")
	// the filter matches token symbols, and the token it names is the
	// destinations' symbol
	w.typ("usdc")
	w.waitFor("Filter: usdc")
	w.pick("Ethereum")
	w.pick("Solana")
	w.waitFor("chosen: Ethereum, Solana")
	w.keys("Enter")
	w.waitFor("Deposit › Destinations", "Ethereum (evm)", "Solana (solana)")
	// Ethereum: symbol, address, minimum amount, minimum in USD; then Solana's
	w.keys("Tab")
	w.typ("0x71C7656EC7ab88b098defB751B7401B5f6d8976F")
	w.keys("Tab", "Tab", "Tab", "Tab")
	w.typ("7dHbWXmci3dT8UFYWYZweBLXgycu7Y3iL6trKn1Y7ARj")
	w.keys("Tab")
	w.typ("0.5")
	w.waitFor("0x71C7656EC7ab88b098defB751B7401B5f6d8976F", "7dHbWXmci3dT8UFYWYZweBLXgycu7Y3iL6trKn1Y7ARj", "0.5")
	w.keys("Enter")
	w.waitFor("Deposit › Preview", "ready to send", `"userId": "user-42"`)
	return w.waitMatch(txIDInBody)[1]
}

func TestWizardDepositFlow(t *testing.T) {
	t.Parallel()
	srv := startDemoServer(t)
	w := startWizard(t, newWizardEnv(t, withCreds...), "--base-url", srv.URL)
	w.waitFor("CUSTOM", srv.URL, "keys set")
	previewTx := walkDeposit(w)
	if !mesh.IsUUID(previewTx) {
		t.Errorf("the preview's transactionId %q is not a generated UUID", previewTx)
	}
	w.waitFor(`"symbol": "USDC"`, `"address": "0x71C7656EC7ab88b098defB751B7401B5f6d8976F"`)
	w.keys("Enter")
	screen := w.waitFor("✓ link token from custom", "Link URL")
	token := assertToken(t, screen, srv, "deposit")
	if sent := assertSentOnce(t, srv, "wizard-deposit.json"); sent != previewTx {
		t.Errorf("sent transactionId %q, the preview showed %q", sent, previewTx)
	}

	// the countdown is live
	first := countdownLine.FindStringSubmatch(screen)
	if first != nil {
		w.waitUntil("the countdown to move", func(s string) bool {
			m := countdownLine.FindStringSubmatch(s)
			return m != nil && m[1] != first[1]
		})
	}

	// c copies the token: with OSC 52, into tmux's buffer
	w.keys("c")
	w.waitCopied("the token", func(b string) bool { return b == token })

	w.keys("q")
	if code := w.waitExit(); code != 0 {
		t.Errorf("q: exit status %d, want 0", code)
	}
}

func TestWizardPaymentFlow(t *testing.T) {
	t.Parallel()
	srv := startDemoServer(t)
	w := startWizard(t, newWizardEnv(t, withCreds...), "--base-url", srv.URL)
	w.typ("2")
	w.waitFor("Payment › Details", "› User ID")
	w.typ("user-1234")
	// user, transaction, new each run, restrict, integration, fees, pay link
	w.keys("Tab", "Tab", "Tab", "Tab", "Tab", "Tab")
	w.waitFor("› Generate a pay link")
	w.keys("Space")
	w.waitMatch(regexp.MustCompile(`› Generate a pay link +\[x\] yes`))
	w.keys("Enter")
	w.waitFor("Payment › Networks", "Filter:")
	w.typ("base")
	w.waitFor("Filter: base")
	w.pick("Base")
	w.waitFor("chosen: Base")
	w.keys("C-u")
	w.typ("bitcoin")
	w.waitFor("Filter: bitcoin")
	w.pick("Bitcoin")
	w.waitFor("chosen: Base, Bitcoin")
	w.keys("Enter")
	w.waitFor("Payment › Destinations", "Base (evm)", "Bitcoin (bitcoin)")
	// Base: symbol (type a letter to pick it), address, amount, display amount
	w.typ("U")
	w.waitFor("‹ USDC ›")
	w.keys("Tab")
	w.typ("0x71C7656EC7ab88b098defB751B7401B5f6d8976F")
	w.keys("Tab")
	w.typ("99.99")
	// Bitcoin: symbol (BTC, its only token), address, amount, display amount
	w.keys("Tab", "Tab", "Tab")
	w.typ("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq")
	w.keys("Tab")
	w.typ("0.00141")
	w.keys("Tab")
	w.typ("99.99")
	w.waitFor("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "0.00141")
	w.keys("Enter")
	w.waitFor("Payment › Preview", "ready to send", `"generatePayLink": true`, `"amount": 99.99`)
	previewTx := w.waitMatch(txIDInBody)[1]
	w.keys("Enter")
	screen := w.waitFor("✓ link token from custom", "Pay link")
	token := assertToken(t, screen, srv, "payment")
	payLink := section(screen, "Pay link")
	want := srv.URL + "/demo/paylink?" + (url.Values{"linkToken": {token}}).Encode()
	if payLink != want {
		t.Errorf("pay link on screen %q, want %q", payLink, want)
	}
	if sent := assertSentOnce(t, srv, "wizard-payment.json"); sent != previewTx {
		t.Errorf("sent transactionId %q, the preview showed %q", sent, previewTx)
	}
	body := linkTokenRequests(srv)[0].Body
	for _, exact := range []string{`"amount": 99.99`, `"amount": 0.00141`, `"displayAmountInFiat": 99.99`} {
		if !bytes.Contains(body, []byte(exact)) {
			t.Errorf("the body lacks %s exactly as typed:\n%s", exact, body)
		}
	}

	// p copies the pay link
	w.keys("p")
	w.waitCopied("the pay link", func(b string) bool { return b == payLink })
	w.keys("q")
	if code := w.waitExit(); code != 0 {
		t.Errorf("q: exit status %d, want 0", code)
	}
}

func TestWizardVerifyFlow(t *testing.T) {
	t.Parallel()
	srv := startDemoServer(t)
	w := startWizard(t, newWizardEnv(t, withCreds...), "--base-url", srv.URL)
	w.typ("5")
	w.waitFor("Verify wallet › Details", "› User ID")
	w.typ("user-1234")
	// user, restrict, integration: a letter picks by name
	w.keys("Tab", "Tab")
	w.waitFor("› Integration")
	w.typ("p")
	w.waitFor("‹ Phantom ›")
	w.keys("Enter")
	w.waitFor("Verify wallet › Verify options", "› Message to sign")
	w.typ("I own this wallet & agree")
	w.keys("Tab")
	w.typ("S")
	w.waitFor("‹ Solana ›")
	// network type stays (none): one of the two, never both
	w.keys("Tab", "Tab")
	w.typ("7dHbWXmci3dT8UFYWYZweBLXgycu7Y3iL6trKn1Y7ARj")
	w.waitFor("7dHbWXmci3dT8UFYWYZweBLXgycu7Y3iL6trKn1Y7ARj")
	w.keys("Enter")
	w.waitFor("Verify wallet › Preview", "ready to send", `"message": "I own this wallet & agree"`)
	w.keys("Enter")
	screen := w.waitFor("✓ link token from custom", "Link URL")
	assertToken(t, screen, srv, "verify")
	assertSentOnce(t, srv, "wizard-verify.json")
	w.keys("q")
	if code := w.waitExit(); code != 0 {
		t.Errorf("q: exit status %d, want 0", code)
	}
}

func TestWizardEscCancelsASlowFetch(t *testing.T) {
	t.Parallel()
	arrived := make(chan []byte, 1)
	cancelled := make(chan struct{}, 1)
	var calls atomic.Int32
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != mesh.PathLinkToken {
			http.NotFound(w, r) // the wizard's own lookups (integration status) find nothing here
			return
		}
		calls.Add(1)
		body, _ := io.ReadAll(r.Body) // only then can the server notice the client leaving
		select {
		case arrived <- body:
		default:
		}
		<-r.Context().Done()
		select {
		case cancelled <- struct{}{}:
		default:
		}
	}))
	t.Cleanup(slow.Close)

	w := startWizard(t, newWizardEnv(t, withCreds...), "--base-url", slow.URL)
	w.typ("4")
	w.waitFor("Withdrawal › Details", "› User ID")
	w.typ("user-slow")
	w.keys("Enter")
	preview := w.waitFor("Withdrawal › Preview", "ready to send", `"userId": "user-slow"`)
	w.keys("Enter")
	w.waitFor("asking "+slow.URL+" for a link token", "esc cancels")
	var sent []byte
	select {
	case sent = <-arrived:
	case <-time.After(waitTimeout):
		t.Fatal("the request never reached the server")
	}
	var req mesh.LinkTokenRequest
	if err := json.Unmarshal(sent, &req); err != nil || req.UserID != "user-slow" {
		t.Errorf("the server got %s (%v)", sent, err)
	}

	w.keys("Escape")
	after := w.waitFor("Withdrawal › Preview", "cancelled", `"userId": "user-slow"`, `"restrictMultipleAccounts": true`)
	if body := previewBody(preview); body == "" || body != previewBody(after) {
		t.Errorf("the preview changed with the cancel:\n%s\n---\n%s", preview, after)
	}
	select {
	case <-cancelled:
	case <-time.After(waitTimeout):
		t.Fatal("the server never saw the request cancelled")
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("the server got %d requests, want 1 (a cancel is not retried)", n)
	}
}

// previewBody is the JSON shown on a preview screen.
func previewBody(screen string) string {
	i := strings.Index(screen, "{")
	j := strings.LastIndex(screen, "}")
	if i < 0 || j < i {
		return ""
	}
	return screen[i : j+1]
}

func TestWizardCtrlCExits130(t *testing.T) {
	t.Parallel()
	srv := startDemoServer(t)
	w := startWizard(t, newWizardEnv(t, withCreds...), "--base-url", srv.URL)
	w.typ("2")
	w.waitFor("Payment › Details", "› User ID")
	w.typ("half-typed")
	w.waitFor("half-typed")
	w.keys("C-c")
	if code := w.waitExit(); code != 130 {
		t.Errorf("ctrl+c: exit status %d, want 130", code)
	}
	if h := w.history(); !strings.Contains(h, "meshlink: interrupted") {
		t.Errorf("no 'interrupted' after ctrl+c:\n%s", h)
	}
	if n := len(linkTokenRequests(srv)); n != 0 {
		t.Errorf("the server got %d link-token requests", n)
	}
}

func TestWizardPresetSavedThenReplayed(t *testing.T) {
	t.Parallel()
	srv := startDemoServer(t)
	e := newWizardEnv(t, withCreds...)
	w := startWizard(t, e, "--base-url", srv.URL)
	previewTx := walkDeposit(w)
	w.keys("s")
	w.waitFor("Save this setup as a preset", "› Name")
	w.typ("e2e-deposit")
	w.keys("Tab")
	w.typ("saved by the e2e test")
	w.keys("Enter")
	w.waitFor("Deposit › Preview", "saved preset e2e-deposit")
	w.keys("C-c")
	if code := w.waitExit(); code != 130 {
		t.Errorf("ctrl+c: exit status %d, want 130", code)
	}
	if _, err := os.Stat(filepath.Join(e.config, "presets", "e2e-deposit.json")); err != nil {
		t.Fatalf("the preset file: %v", err)
	}

	// each replay from the shell sends the saved setup with a fresh transactionId
	seen := map[string]bool{previewTx: true}
	for i := range 2 {
		r := meshlink(t, e.cliEnv(), "", "token", "--preset", "e2e-deposit", "--base-url", srv.URL)
		if r.code != 0 || strings.TrimSpace(r.stdout) == "" {
			t.Fatalf("token --preset, run %d: exit %d\n%s", i+1, r.code, r.stderr)
		}
		assertNoSecret(t, r)
		reqs := linkTokenRequests(srv)
		if len(reqs) != i+1 {
			t.Fatalf("the server got %d link-token requests after %d runs", len(reqs), i+1)
		}
		tx, body := placeholderTxID(t, reqs[i].Body)
		if !mesh.IsUUID(tx) || seen[tx] {
			t.Errorf("run %d sent transactionId %q; want a fresh UUID, not one of %v", i+1, tx, seen)
		}
		seen[tx] = true
		// the replayed body is what the wizard sends for the same setup (read,
		// never rewritten, here: -update belongs to TestWizardDepositFlow)
		want, err := os.ReadFile(filepath.Join("testdata", "e2e", "wizard-deposit.json"))
		if err != nil || !bytes.Equal(body, want) {
			t.Errorf("run %d sent (%v)\n%s\nwant testdata/e2e/wizard-deposit.json:\n%s", i+1, err, body, want)
		}
	}

	// and the wizard starts from it: p, the preset, its preview
	w = startWizard(t, e, "--base-url", srv.URL)
	w.typ("p")
	w.waitFor("e2e-deposit", "deposit", "Ethereum, Solana")
	w.keys("Enter")
	w.waitFor("preset e2e-deposit loaded", "Deposit › Preview", "ready to send", `"userId": "user-42"`,
		`"address": "0x71C7656EC7ab88b098defB751B7401B5f6d8976F"`)
	if tx := w.waitMatch(txIDInBody)[1]; !mesh.IsUUID(tx) || seen[tx] {
		t.Errorf("the preview's transactionId %q is not fresh (seen %v)", tx, seen)
	}
	w.keys("NPage")
	w.waitFor(`"address": "7dHbWXmci3dT8UFYWYZweBLXgycu7Y3iL6trKn1Y7ARj"`, `"minAmount": 0.5`)
}

func TestWizardWithoutCredentialsIsDemo(t *testing.T) {
	t.Parallel()
	w := startWizard(t, newWizardEnv(t))
	w.waitFor("DEMO", "no keys needed", "tokens are not real")
	w.typ("4")
	w.waitFor("Withdrawal › Details", "› User ID")
	w.typ("u1")
	w.keys("Enter")
	w.waitFor("Withdrawal › Preview", "DEMO", "ready to send")
	w.keys("Enter")
	w.waitFor("link token from the demo server", "not a real Mesh token")
	w.keys("q")
	if code := w.waitExit(); code != 0 {
		t.Errorf("q: exit status %d, want 0", code)
	}
}

// The secret never shows on a screen (every capture of every test is
// checked) and never lands in a file (every test's directories are checked);
// this test walks the screens and copies most likely to leak it.
func TestWizardNeverShowsOrStoresTheSecret(t *testing.T) {
	t.Parallel()
	t.Run("from_the_environment", func(t *testing.T) {
		srv := startDemoServer(t)
		e := newWizardEnv(t, withCreds...)
		w := startWizard(t, e, "--base-url", srv.URL)
		w.typ("4")
		w.waitFor("Withdrawal › Details", "› User ID")
		w.typ("u1")
		w.keys("Enter")
		w.waitFor("Withdrawal › Preview", "ready to send")
		w.keys("u")
		assertCurlByReference(t, w.waitCopied("the curl command", func(b string) bool { return strings.HasPrefix(b, "curl") }))
		w.waitFor("Withdrawal › curl", "curl --request POST") // shown as it is copied
		w.keys("Escape")
		w.waitFor("Withdrawal › Preview")
		w.keys("C-e")
		w.waitFor("Mesh keys are set for this run")
		w.keys("Escape")
		w.waitFor("Withdrawal › Preview  (step 3 of 3)") // the dialog is gone
		w.keys("s")
		w.waitFor("Save this setup as a preset")
		w.typ("secret-check")
		w.keys("Enter")
		w.waitFor("saved preset secret-check")
		w.keys("Enter")
		w.waitFor("✓ link token from custom")
		w.keys("?")
		w.waitFor("environment")
		w.keys("q")
		if code := w.waitExit(); code != 0 {
			t.Errorf("q: exit status %d, want 0", code)
		}
		w.history()
		assertNoSecretInFiles(t, e.config, e.cache, e.home)
	})
	t.Run("typed_in_the_wizard", func(t *testing.T) {
		e := newWizardEnv(t)
		w := startWizard(t, e)
		w.typ("4")
		w.waitFor("Withdrawal › Details", "› User ID")
		w.typ("u1")
		w.keys("Enter")
		w.waitFor("Withdrawal › Preview", "DEMO")
		w.keys("C-e")
		w.waitFor("Where should the token come from?", "› demo (current)")
		w.keys("Down")
		w.waitFor("› sandbox")
		w.keys("Enter")
		w.waitFor("Mesh keys for sandbox", "› MESH_CLIENT_ID")
		w.typ(testClientID)
		w.keys("Tab")
		w.typ(testSecret)
		w.waitFor(strings.Repeat("•", len(testSecret)))
		w.keys("Enter")
		w.waitFor("Withdrawal › Preview", "SANDBOX", "keys set")
		w.keys("u")
		assertCurlByReference(t, w.waitCopied("the curl command", func(b string) bool { return strings.HasPrefix(b, "curl") }))
		w.waitFor("Withdrawal › curl", "curl --request POST") // shown as it is copied
		w.keys("Escape")
		w.waitFor("Withdrawal › Preview")
		w.keys("s")
		w.waitFor("Save this setup as a preset")
		w.typ("typed-keys")
		w.keys("Enter")
		w.waitFor("saved preset typed-keys")
		w.keys("C-c") // sandbox is Mesh's: nothing is sent from a test
		if code := w.waitExit(); code != 130 {
			t.Errorf("ctrl+c: exit status %d, want 130", code)
		}
		w.history()
		assertNoSecretInFiles(t, e.config, e.cache, e.home)
	})
}

// assertCurlByReference: a copied curl command names the keys, never holds them.
func assertCurlByReference(t *testing.T, curl string) {
	t.Helper()
	if !strings.Contains(curl, "$MESH_CLIENT_SECRET") || strings.Contains(curl, testSecret) || strings.Contains(curl, testClientID) {
		t.Errorf("copied curl command:\n%s", curl)
	}
}

// assertNoSecretInFiles reads every file under dirs.
func assertNoSecretInFiles(t *testing.T, dirs ...string) {
	t.Helper()
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if bytes.Contains(b, []byte(testSecret)) {
				t.Errorf("the client secret is in %s", path)
			}
			return nil
		})
		if err != nil {
			t.Errorf("read %s: %v", dir, err)
		}
	}
}

// TOKEN=$(meshlink): the wizard draws on the terminal through stderr and
// the token it ends with (q) is all that reaches stdout.
func TestWizardTokenCapturedFromStdout(t *testing.T) {
	t.Parallel()
	srv := startDemoServer(t)
	e := newWizardEnv(t, withCreds...)
	out := filepath.Join(t.TempDir(), "captured")
	script := `TOKEN=$("$0" --base-url "$1"); status=$?; printf '%s' "$TOKEN" > "$2"; exit $status`
	w := startPane(t, e, "/bin/sh", "-c", script, binary, srv.URL, out)
	w.waitFor("What should the link token do?")
	w.typ("4")
	w.waitFor("Withdrawal › Details", "› User ID")
	w.typ("user-captured")
	w.keys("Enter")
	w.waitFor("Withdrawal › Preview", "ready to send")
	w.keys("Enter")
	screen := w.waitFor("✓ link token from custom", "Link URL")
	token := assertToken(t, screen, srv, "withdrawal")
	w.keys("q")
	if code := w.waitExit(); code != 0 {
		t.Errorf("q: exit status %d, want 0", code)
	}
	got, err := os.ReadFile(out)
	if err != nil || string(got) != token {
		t.Errorf("TOKEN=%q (%v), want the token on screen %q", got, err, token)
	}
}

// A preset with two destinations on one network (USDC and USDT on
// Ethereum) loads with both, and saving it back changes no byte of its body.
func TestWizardPresetWithTwoDestinationsOnOneNetwork(t *testing.T) {
	t.Parallel()
	e := newWizardEnv(t, withCreds...)
	body := `{"userId": "user-two", "transferOptions": {"transactionId": "tx-two-1", "transferType": "deposit", "toAddresses": [
  {"networkId": "e3c7fdd8-b1fc-4e51-85ae-bb276e075611", "symbol": "USDC", "address": "0x71C7656EC7ab88b098defB751B7401B5f6d8976F"},
  {"networkId": "e3c7fdd8-b1fc-4e51-85ae-bb276e075611", "symbol": "USDT", "address": "0x000000000000000000000000000000000000dEaD"}]}}`
	if r := meshlink(t, e.cliEnv(), body, "presets", "save", "two-on-eth", "--body", "-", "--description", "two tokens"); r.code != 0 {
		t.Fatalf("presets save: exit %d\n%s", r.code, r.stderr)
	}
	path := filepath.Join(e.config, "presets", "two-on-eth.json")
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	w := startWizard(t, e) // sandbox, where the preset was saved; nothing is sent
	w.typ("p")
	w.waitFor("two-on-eth", "Ethereum")
	w.keys("Enter")
	w.waitFor("preset two-on-eth loaded", "Deposit › Preview", `"symbol": "USDC"`)
	w.keys("G")
	w.waitFor(`"symbol": "USDT"`, `"address": "0x000000000000000000000000000000000000dEaD"`)
	w.keys("Escape")
	w.waitFor("Deposit › Destinations", "Ethereum (evm) · 1 of 2", "‹ USDC ›")
	w.waitFor("0x71C7656EC7ab88b098defB751B7401B5f6d8976F")
	w.keys("Enter")
	w.waitFor("Deposit › Preview", "ready to send")
	w.keys("s")
	w.waitFor("Save this setup as a preset", "two-on-eth", "two tokens")
	w.keys("Enter")
	w.waitFor("overwrite it? y/n")
	w.keys("y")
	w.waitFor("saved preset two-on-eth")
	w.keys("C-c")
	if code := w.waitExit(); code != 130 {
		t.Errorf("ctrl+c: exit status %d, want 130", code)
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	updated := regexp.MustCompile(`"updated": "[^"]*"`)
	if a, b := updated.ReplaceAll(after, nil), updated.ReplaceAll(before, nil); !bytes.Equal(a, b) {
		t.Errorf("saved back:\n%s\nwant (but the time of the update):\n%s", after, before)
	}
}

// --accessible: ctrl+c ends the run at any prompt with status 130 (the
// terminal sends SIGINT; huh alone would echo ^C and go on).
func TestWizardAccessibleCtrlCExits130(t *testing.T) {
	t.Parallel()
	w := startWizard(t, newWizardEnv(t), "--accessible")
	w.typ("4")
	w.keys("Enter")
	w.waitFor("User ID")
	w.keys("C-c")
	if code := w.waitExit(); code != 130 {
		t.Errorf("ctrl+c: exit status %d, want 130", code)
	}
}

package main

// End-to-end tests of the command line: they build the real binary and run
// it against loopback servers, as a script or a CI job would.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/mesh/demo"
	"github.com/meshlink/meshlink/mesh/webhook"
)

var update = flag.Bool("update", false, "rewrite golden files")

// binary is the meshlink built once for all end-to-end tests.
var binary string

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "meshlink-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "meshlink")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build meshlink: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

const (
	testClientID = "client-id-e2e"
	testSecret   = "s3cr3t-never-printed-0123456789"
)

type run struct {
	stdout, stderr string
	code           int
}

// meshlink runs the binary with args and env (besides fresh config and
// cache directories), feeding stdin.
func meshlink(t *testing.T, env []string, stdin string, args ...string) run {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Env = append([]string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(),
		"MESHLINK_CONFIG_DIR=" + t.TempDir(), "MESHLINK_CACHE_DIR=" + t.TempDir(), "MESHLINK_STATE_DIR=" + t.TempDir(),
		"MESHLINK_DEMO_SERVER=off", // the in-process demo server, whatever runs on this machine
	}, env...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	r := run{stdout: out.String(), stderr: errb.String()}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		r.code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("run meshlink %v: %v", args, err)
	}
	return r
}

var withCreds = []string{"MESH_CLIENT_ID=" + testClientID, "MESH_CLIENT_SECRET=" + testSecret}

func TestTokenUseCasesAgainstDemoServer(t *testing.T) {
	t.Parallel()
	const sol, eth, btc = "0291810a-5947-424d-9a59-e88bb33e999d", "e3c7fdd8-b1fc-4e51-85ae-bb276e075611", "03dee5da-7398-428f-9ec2-ab41bcb271da"
	cases := []struct {
		name string
		args []string
	}{
		{"deposit", []string{"--use-case", "deposit", "--user-id", "user-1234", "--transaction-id", "tx-1",
			"--to", "solana:USDC:7dHbWXmci3dT8UFYWYZweBLXgycu7Y3iL6trKn1Y7ARj", "--to", "ethereum:usdc:0x71C7656EC7ab88b098defB751B7401B5f6d8976F",
			"--to", "xrpl:XRP:rEb8TK3gBgk5auZkwc6sHnwrGVJH8DuaLh,addressTag=12345,minAmount=10"}},
		{"payment", []string{"--use-case", "payment", "--user-id", "user-1234", "--transaction-id", "tx-2",
			"--to", "base:USDC:0x71C7656EC7ab88b098defB751B7401B5f6d8976F:99.99",
			"--to", btc + ":BTC:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq:0.00141,displayAmountInFiat=99.99", "--pay-link"}},
		{"onramp", []string{"--use-case", "onramp", "--user-id", "user-1234", "--transaction-id", "tx-3",
			"--integration-id", "Binance Connect", "--amount-in-fiat", "100.00", "--to", sol + ":USDC:7dHbWXmci3dT8UFYWYZweBLXgycu7Y3iL6trKn1Y7ARj"}},
		{"withdrawal", []string{"--use-case", "withdrawal", "--user-id", "user-1234", "--restrict-multiple-accounts=false"}},
		{"verify", []string{"--use-case", "verify", "--user-id", "user-1234", "--integration-id", "phantom",
			"--verify-message", "I own this wallet & agree", "--verify-network", "Solana", "--verify-address", "7dHbWXmci3dT8UFYWYZweBLXgycu7Y3iL6trKn1Y7ARj"}},
		{"deposit-verify", []string{"--use-case", "deposit+verify", "--user-id", "user-1234", "--transaction-id", "tx-4",
			"--to", eth + ":ETH:0x71C7656EC7ab88b098defB751B7401B5f6d8976F", "--verify-network-type", "evm"}},
		{"payment-verify", []string{"--use-case", "payment+verify", "--user-id", "user-1234", "--transaction-id", "tx-5",
			"--to", "ethereum:USDT:0x71C7656EC7ab88b098defB751B7401B5f6d8976F:25", "--client-fee", "0.025", "--funding",
			"--verify-message", "Sign to pay", "--verify-address", "0x71C7656EC7ab88b098defB751B7401B5f6d8976F"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv, err := demo.Start("127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			defer srv.Close()
			r := meshlink(t, withCreds, "", append([]string{"token", "--base-url", srv.URL, "--json"}, c.args...)...)
			if r.code != 0 {
				t.Fatalf("exit %d\nstderr: %s", r.code, r.stderr)
			}
			reqs := srv.Requests()
			if len(reqs) != 1 {
				t.Fatalf("server got %d requests, want 1", len(reqs))
			}
			got := reqs[0]
			if got.Header.Get("X-Client-Id") != testClientID || got.Header.Get("X-Client-Secret") != testSecret {
				t.Errorf("credential headers = %q / %q", got.Header.Get("X-Client-Id"), got.Header.Get("X-Client-Secret"))
			}
			if ct := got.Header.Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type = %q", ct)
			}
			golden(t, filepath.Join("testdata", "e2e", c.name+".json"), got.Body)

			var out struct {
				LinkToken, PaymentLink, LinkURL, Environment string
				ExpiresAt                                    time.Time
			}
			if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
				t.Fatalf("stdout is not JSON: %v\n%s", err, r.stdout)
			}
			if out.LinkToken == "" || !strings.HasPrefix(out.LinkURL, srv.URL+"/demo/") || out.Environment != "custom" {
				t.Errorf("unexpected result %+v", out)
			}
			if wantPay := c.name == "payment"; (out.PaymentLink != "") != wantPay {
				t.Errorf("paymentLink = %q, want one: %v", out.PaymentLink, wantPay)
			}
			if d := time.Until(out.ExpiresAt); d < 9*time.Minute || d > 10*time.Minute {
				t.Errorf("expiresAt %v is not 10 minutes ahead", out.ExpiresAt)
			}
			assertNoSecret(t, r)
		})
	}
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs:\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func assertNoSecret(t *testing.T, r run) {
	t.Helper()
	if strings.Contains(r.stdout+r.stderr, testSecret) {
		t.Errorf("the client secret was printed:\nstdout: %s\nstderr: %s", r.stdout, r.stderr)
	}
}

func TestTokenPrintsTokenAloneOnStdout(t *testing.T) {
	t.Parallel()
	r := meshlink(t, nil, "", "token", "--use-case", "withdrawal", "--user-id", "u-1")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if lines := strings.Split(strings.TrimSpace(r.stdout), "\n"); len(lines) != 1 || strings.ContainsAny(lines[0], " :") {
		t.Errorf("stdout should hold only the token, got %q", r.stdout)
	}
	if !strings.Contains(r.stderr, "demo environment") || !strings.Contains(r.stderr, "MESH_CLIENT_ID") {
		t.Errorf("stderr should say the demo server is used and how to leave it: %s", r.stderr)
	}
}

func TestTokenInvalidRequestIsNeverSent(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { calls.Add(1) }))
	defer srv.Close()
	r := meshlink(t, withCreds, "", "token", "--base-url", srv.URL, "--use-case", "payment", "--user-id", "u1",
		"--to", "solana:USDC:addr1", "--to", "ethereum:USDC:addr2", "--to", "base:USDC:addr3", "--pay-link")
	if r.code != 2 {
		t.Fatalf("exit %d, want 2\n%s", r.code, r.stderr)
	}
	for _, want := range []string{"transferOptions.toAddresses[2].amount: required for payments", "transferOptions.transactionId", "--transaction-id"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if calls.Load() != 0 {
		t.Errorf("an invalid request reached the server")
	}
}

// A fourth part of --to that is not a number was once sent as part of the
// address (deposit) or blamed on a missing amount (payment).
func TestToWithAnAmountThatIsNotANumberIsNeverSent(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { calls.Add(1) }))
	defer srv.Close()
	const addr = "7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU"
	for _, useCase := range []string{"deposit", "payment"} {
		r := meshlink(t, withCreds, "", "token", "--base-url", srv.URL, "--use-case", useCase, "--user-id", "u1",
			"--transaction-id", "tx-1", "--to", "solana:USDC:"+addr+":1_000")
		if r.code != 2 {
			t.Errorf("%s: exit %d, want 2\n%s", useCase, r.code, r.stderr)
		}
		if want := `the amount after the address: "1_000" is not a number`; !strings.Contains(r.stderr, want) {
			t.Errorf("%s: stderr lacks %q:\n%s", useCase, want, r.stderr)
		}
		if strings.Contains(r.stderr, "required for payments") {
			t.Errorf("%s: the error blames a missing amount:\n%s", useCase, r.stderr)
		}
	}
	if calls.Load() != 0 {
		t.Errorf("a request with a bad amount reached the server")
	}
	// An address that holds a colon of its own (TON's raw form) is still an address.
	const tonRaw = "0:ca6e321c7cce9ecedf0a8ca2492ec8592494aa5fb5ce0387dff96ef6af982a3e"
	r := meshlink(t, nil, "", "token", "--use-case", "deposit", "--user-id", "u1",
		"--to", "ton:TON:"+tonRaw, "--to", "ton:TON:"+tonRaw+":0.5", "--dry-run")
	if r.code != 0 || strings.Count(r.stdout, `"address": "`+tonRaw+`"`) != 2 || !strings.Contains(r.stdout, `"amount": 0.5`) {
		t.Errorf("colon address: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestTokenBodyFromStdinWithFlags(t *testing.T) {
	t.Parallel()
	body := `{"userId":"from-body","transferOptions":{"transferType":"deposit","toAddresses":[{"networkId":"0291810a-5947-424d-9a59-e88bb33e999d","symbol":"USDC","address":"7dHbWXmci3dT8UFYWYZweBLXgycu7Y3iL6trKn1Y7ARj","amount":0.00141}]}}`
	r := meshlink(t, nil, body, "token", "--body", "-", "--transaction-id", "tx-9", "--dry-run")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{`"userId": "from-body"`, `"transactionId": "tx-9"`, `"amount": 0.00141`} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("dry-run body lacks %s:\n%s", want, r.stdout)
		}
	}
	r = meshlink(t, nil, `{"userId":"u","bogus":1}`, "token", "--body", "-", "--dry-run")
	if r.code != 2 || !strings.Contains(r.stderr, "bogus: is not a field of the request") {
		t.Errorf("unknown field: exit %d, stderr %s", r.code, r.stderr)
	}
}

func TestCurlNeverHoldsSecrets(t *testing.T) {
	t.Parallel()
	r := meshlink(t, withCreds, "", "token", "--use-case", "withdrawal", "--user-id", "u1", "--curl")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"$MESH_CLIENT_SECRET", "$MESH_CLIENT_ID", mesh.SandboxBaseURL + "/api/v1/linktoken"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("curl lacks %s:\n%s", want, r.stdout)
		}
	}
	assertNoSecret(t, r)
	if strings.Contains(r.stdout, testClientID) {
		t.Errorf("curl holds the client id literally")
	}
}

func TestProductionOnlyWhenNamed(t *testing.T) {
	t.Parallel()
	r := meshlink(t, withCreds, "", "token", "--use-case", "withdrawal", "--user-id", "u1", "--curl")
	if strings.Contains(r.stdout, mesh.ProductionBaseURL) {
		t.Errorf("production chosen without being named")
	}
	r = meshlink(t, withCreds, "", "token", "--env", "production", "--use-case", "withdrawal", "--user-id", "u1", "--curl")
	if !strings.Contains(r.stdout, mesh.ProductionBaseURL) {
		t.Errorf("--env production not honoured: %s", r.stdout)
	}
	r = meshlink(t, nil, "", "token", "--env", "sandbox", "--use-case", "withdrawal", "--user-id", "u1")
	if r.code != 2 || !strings.Contains(r.stderr, "MESH_CLIENT_ID") {
		t.Errorf("sandbox without credentials: exit %d, %s", r.code, r.stderr)
	}
}

// faultServer answers each call with the next handler in turn and records
// how many calls it got.
func faultServer(t *testing.T, handlers ...http.HandlerFunc) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	d, err := demo.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i := int(n.Add(1)) - 1
		if i < len(handlers) && handlers[i] != nil {
			handlers[i](w, r)
			return
		}
		d.Handler().ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

var withdrawal = []string{"token", "--use-case", "withdrawal", "--user-id", "u1"}

func TestTokenFaults(t *testing.T) {
	t.Parallel()
	status := func(code int, body string, header ...string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			for i := 0; i+1 < len(header); i += 2 {
				w.Header().Set(header[i], header[i+1])
			}
			w.WriteHeader(code)
			fmt.Fprint(w, body)
		}
	}
	cutOff := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "500")
		w.WriteHeader(200)
		fmt.Fprint(w, `{"content":{"linkTok`)
		w.(http.Flusher).Flush()
		conn, _, _ := w.(http.Hijacker).Hijack()
		conn.Close()
	}
	tests := []struct {
		name     string
		handlers []http.HandlerFunc
		args     []string
		wantCode int
		wantErr  []string
		calls    int32
	}{
		{"unauthorized", []http.HandlerFunc{status(401, `{}`)}, nil, 1, []string{"401", "MESH_CLIENT_ID", "MESH_CLIENT_SECRET"}, 1},
		{"server_error_then_success", []http.HandlerFunc{status(500, `{"status":"serverFailure","message":"boom"}`)}, nil, 0, []string{"attempt 1 failed", "retrying"}, 2},
		{"rate_limited_with_retry_after", []http.HandlerFunc{status(429, `{"status":"tooManyRequest"}`, "Retry-After", "1")}, nil, 0, []string{"retrying in 1s"}, 2},
		{"html_502_from_a_proxy", repeat(4, status(502, "<html><body>Bad Gateway</body></html>", "Content-Type", "text/html")), nil, 1, []string{"502", "not Mesh's JSON", "Bad Gateway"}, 4},
		{"cut_off_json", repeat(4, cutOff), nil, 1, []string{"cut off"}, 4},
		{"bad_request_from_mesh", []http.HandlerFunc{status(400, `{"status":"badRequest","message":"Network not supported by the selected DeFi wallet","errorType":"invalidField"}`)}, nil, 1, []string{"400", "invalidField", "Network not supported"}, 1},
		{"slower_than_timeout", repeat(4, func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.Copy(io.Discard, r.Body)
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
		}), []string{"--timeout", "300ms"}, 1, []string{"no answer", "300ms", "--timeout"}, 0}, // 0: on a loaded machine 300ms may end before the request is out
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, calls := faultServer(t, tt.handlers...)
			r := meshlink(t, withCreds, "", append(append([]string{}, withdrawal...), append([]string{"--base-url", srv.URL}, tt.args...)...)...)
			if r.code != tt.wantCode {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, tt.wantCode, r.stdout, r.stderr)
			}
			for _, want := range tt.wantErr {
				if !strings.Contains(r.stderr, want) {
					t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
				}
			}
			if tt.wantCode == 0 && strings.TrimSpace(r.stdout) == "" {
				t.Errorf("no token on stdout")
			}
			if tt.wantCode != 0 && r.stdout != "" {
				t.Errorf("stdout should be empty on failure, got %q", r.stdout)
			}
			if got := calls.Load(); got < tt.calls {
				t.Errorf("server got %d calls, want at least %d", got, tt.calls)
			}
			if strings.Contains(r.stderr, "goroutine") || strings.Contains(r.stderr, "panic") {
				t.Errorf("stack trace on stderr:\n%s", r.stderr)
			}
			assertNoSecret(t, r)
		})
	}
}

func repeat(n int, h http.HandlerFunc) []http.HandlerFunc {
	hs := make([]http.HandlerFunc, n)
	for i := range hs {
		hs[i] = h
	}
	return hs
}

func TestInterruptDuringFetchExits130(t *testing.T) {
	t.Parallel()
	started := make(chan struct{}, 1)
	srv, _ := faultServer(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body) // only then does the server notice the client leaving
		started <- struct{}{}
		<-r.Context().Done()
	})
	cmd := exec.Command(binary, append(append([]string{}, withdrawal...), "--base-url", srv.URL)...)
	cmd.Env = append([]string{"MESHLINK_CONFIG_DIR=" + t.TempDir(), "MESHLINK_CACHE_DIR=" + t.TempDir(), "MESHLINK_STATE_DIR=" + t.TempDir(), "HOME=" + t.TempDir()}, withCreds...)
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-started:
	case <-time.After(10 * time.Second):
		t.Fatal("the request never arrived")
	}
	_ = cmd.Process.Signal(syscall.SIGINT)
	err := cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 130 {
		t.Fatalf("exit = %v, want 130\n%s", err, errb.String())
	}
	if !strings.Contains(errb.String(), "interrupted") {
		t.Errorf("stderr: %s", errb.String())
	}
}

func TestHostileAPITextNeverReachesTheTerminal(t *testing.T) {
	t.Parallel()
	hostile := "Evil\x1b]52;c;cm0gLXJmIH4=\a\x1b[2J\rNet\u202e"
	srv, _ := faultServer(t,
		func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(400)
			json.NewEncoder(w).Encode(map[string]string{"status": "badRequest", "message": hostile, "errorType": "x\x1b[31m"})
		},
		func(w http.ResponseWriter, r *http.Request) {
			json.NewEncoder(w).Encode(map[string]any{"status": "ok", "content": map[string]any{"networks": []map[string]any{
				{"id": "e3c7fdd8-b1fc-4e51-85ae-bb276e075611", "name": hostile, "networkType": "evm", "supportedTokens": []string{"ETH\x1b[5m"}},
			}}})
		})
	r := meshlink(t, withCreds, "", append(append([]string{}, withdrawal...), "--base-url", srv.URL)...)
	if r.code != 1 || strings.ContainsAny(r.stderr, "\x1b\a\r\u202e") || !strings.Contains(r.stderr, "Evil") {
		t.Errorf("error text not cleaned (exit %d): %q", r.code, r.stderr)
	}
	r = meshlink(t, withCreds, "", "networks", "--refresh", "--base-url", srv.URL)
	if r.code != 0 || strings.ContainsAny(r.stdout+r.stderr, "\x1b\a\r\u202e") || !strings.Contains(r.stdout, "EvilNet") {
		t.Errorf("network name not cleaned (exit %d): %q %q", r.code, r.stdout, r.stderr)
	}
}

func TestNetworksRefreshCachesAndServesOffline(t *testing.T) {
	t.Parallel()
	srv, err := demo.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	cache := t.TempDir()
	env := append([]string{"MESHLINK_CACHE_DIR=" + cache}, withCreds...)
	r := meshlink(t, env, "", "networks", "--refresh", "--json", "--base-url", srv.URL)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var nets []mesh.Network
	if err := json.Unmarshal([]byte(r.stdout), &nets); err != nil || len(nets) < 30 {
		t.Fatalf("networks --json: %v, %d networks", err, len(nets))
	}
	if want := fmt.Sprintf("refreshed %d networks from ", len(nets)); !strings.Contains(r.stderr, want) {
		t.Errorf("the refresh note lacks %q:\n%s", want, r.stderr)
	}
	if !strings.Contains(r.stderr, "from "+srv.URL+" (custom)") || !strings.Contains(r.stderr, "other environments' catalogs are unchanged") {
		t.Errorf("the refresh does not say which host it refreshed:\n%s", r.stderr)
	}
	r = meshlink(t, env, "", "integrations", "--refresh", "--json", "--base-url", srv.URL)
	if r.code != 0 || !strings.Contains(r.stdout, "Phantom") {
		t.Errorf("integrations --refresh lacks the wallets of /api/v1/integrations: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	srv.Close() // offline from now on
	r = meshlink(t, env, "", "networks", "--base-url", srv.URL)
	if r.code != 0 || !strings.Contains(r.stderr, "API cache from "+srv.URL) || !strings.Contains(r.stdout, "Solana") {
		t.Errorf("cached catalog not used: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	// A refresh against one host never changes what another environment sees.
	for _, flags := range [][]string{nil, {"--env", "demo"}} {
		r = meshlink(t, env, "", append([]string{"networks"}, flags...)...)
		if r.code != 0 || !strings.Contains(r.stderr, "built-in snapshot") {
			t.Errorf("networks %v: the test server's catalog leaked into another environment: exit %d\n%s", flags, r.code, r.stderr)
		}
	}
	r = meshlink(t, env, "", "paths")
	if !strings.Contains(r.stdout, "cached catalog") || !strings.Contains(r.stdout, "custom, from "+srv.URL+": networks less than a minute old, integrations less than a minute old") {
		t.Errorf("paths does not list the cached catalog with its age:\n%s", r.stdout)
	}
	dir := mesh.CatalogDir(cache, mesh.EnvCustom, srv.URL)
	if err := os.WriteFile(filepath.Join(dir, "networks.json"), []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = meshlink(t, env, "", "networks", "--base-url", srv.URL)
	if r.code != 0 || !strings.Contains(r.stderr, "unreadable catalog cache") || !strings.Contains(r.stderr, "built-in snapshot") {
		t.Errorf("corrupt cache: exit %d\n%s", r.code, r.stderr)
	}
	r = meshlink(t, env, "", "networks", "--base-url", srv.URL)
	if strings.Contains(r.stderr, "unreadable") {
		t.Errorf("corrupt cache reported twice: %s", r.stderr)
	}
}

func TestBareMeshlinkWithoutTerminalSaysSoAtOnce(t *testing.T) {
	t.Parallel()
	r := meshlink(t, nil, "") // a hang would hit meshlink's 30s kill and fail the run
	if r.code != 2 || !strings.Contains(r.stderr, "needs a terminal") || !strings.Contains(r.stderr, "meshlink token") {
		t.Errorf("exit %d: %s", r.code, r.stderr)
	}
}

// The case: one --refresh against a test server with a catalog of
// its own used to replace the list every environment saw, and the README's
// examples stopped working. Now the test server's catalog is its own.
func TestRefreshAgainstATestServerLeavesTheREADMEExamplesWorking(t *testing.T) {
	t.Parallel()
	srv, _ := faultServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"status":"ok","content":{"networks":[{"id":"11111111-2222-3333-4444-555555555555","name":"TestNet","networkType":"evm","supportedTokens":["TST"]}]}}`)
	})
	env := append([]string{"MESHLINK_CACHE_DIR=" + t.TempDir()}, withCreds...)
	if r := meshlink(t, env, "", "networks", "--refresh", "--base-url", srv.URL); r.code != 0 || !strings.Contains(r.stdout, "TestNet") {
		t.Fatalf("refresh: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	readme := []string{"token", "--use-case", "deposit", "--user-id", "user-1234", "--transaction-id", "auto",
		"--to", "solana:USDC:7dHbWXmci3dT8UFYWYZweBLXgycu7Y3iL6trKn1Y7ARj",
		"--to", "ethereum:USDC:0x71C7656EC7ab88b098defB751B7401B5f6d8976F",
		"--to", "xrpl:XRP:rEb8TK3gBgk5auZkwc6sHnwrGVJH8DuaLh,addressTag=12345"}
	for _, where := range [][]string{{"--env", "demo"}, {"--env", "sandbox", "--dry-run"}} {
		r := meshlink(t, env, "", append(append([]string{}, readme...), where...)...)
		if r.code != 0 || strings.Contains(r.stderr, "TestNet") || strings.Contains(r.stderr, "not in the networks catalog") {
			t.Errorf("README's deposit example %v after the refresh: exit %d\n%s", where, r.code, r.stderr)
		}
	}
}

func TestDemoServerCommand(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	cmd := exec.Command(binary, "demo-server", "--addr", addr)
	cmd.Env = []string{"MESHLINK_CONFIG_DIR=" + t.TempDir(), "MESHLINK_CACHE_DIR=" + t.TempDir(), "MESHLINK_STATE_DIR=" + t.TempDir()}
	var out bytes.Buffer
	cmd.Stdout = &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stop := func() { _ = cmd.Process.Signal(syscall.SIGINT); _ = cmd.Wait() }
	defer stop()
	var r run
	for i := 0; i < 50; i++ {
		r = meshlink(t, withCreds, "", append(append([]string{}, withdrawal...), "--base-url", "http://"+addr)...)
		if r.code == 0 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if r.code != 0 {
		t.Fatalf("token from demo-server: exit %d: %s", r.code, r.stderr)
	}
	stop()
	if !strings.Contains(out.String(), "listening on http://"+addr) {
		t.Errorf("demo-server output: %s", out.String())
	}
}

func TestPathsShowsEverythingButSecrets(t *testing.T) {
	t.Parallel()
	r := meshlink(t, append([]string{webhook.SecretEnv + "=" + webhookSecret}, withCreds...), "", "paths")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	columns := regexp.MustCompile(`  +`).ReplaceAllString(r.stdout, "  ")
	for _, want := range []string{"config", "cache", "presets", "catalog", "MESH_CLIENT_SECRET  set\n", "MESH_WEBHOOK_SECRET  set\n", "clipboard", "stdin", "not a terminal"} {
		if !strings.Contains(columns, want) {
			t.Errorf("paths lacks %q:\n%s", want, r.stdout)
		}
	}
	assertNoSecret(t, r)
	if strings.Contains(r.stdout+r.stderr, webhookSecret) {
		t.Errorf("paths printed the webhook secret:\n%s", r.stdout)
	}
}

func TestHelpAndVersion(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"--help"}, {"help"}, {"token", "-h"}, {"networks", "-h"}, {"integrations", "-h"}, {"demo-server", "-h"}, {"paths", "-h"}} {
		if r := meshlink(t, nil, "", args...); r.code != 0 || !strings.Contains(r.stdout, "Usage") {
			t.Errorf("%v: exit %d, %q", args, r.code, r.stdout)
		}
	}
	version := meshlink(t, nil, "", "--version")
	if version.code != 0 || !strings.HasPrefix(version.stdout, "meshlink ") {
		t.Errorf("--version: %q", version.stdout)
	}
	if r := meshlink(t, nil, "", "version"); r.code != 0 || r.stdout != version.stdout {
		t.Errorf("version: exit %d, %q; want what --version prints, %q", r.code, r.stdout, version.stdout)
	}
	if r := meshlink(t, nil, "", "token", "--nope"); r.code != 2 {
		t.Errorf("unknown flag: exit %d", r.code)
	}
}

func TestPresetReplayGetsFreshTransactionEachRun(t *testing.T) {
	t.Parallel()
	srv, err := demo.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	config := t.TempDir()
	env := append([]string{"MESHLINK_CONFIG_DIR=" + config}, withCreds...)
	body := meshlink(t, env, "", "token", "--use-case", "payment", "--user-id", "qa-user", "--transaction-id", "auto",
		"--to", "base:USDC:0x71C7656EC7ab88b098defB751B7401B5f6d8976F:10.50", "--pay-link", "--dry-run")
	if body.code != 0 {
		t.Fatalf("dry-run: %s", body.stderr)
	}
	if r := meshlink(t, env, body.stdout, "presets", "save", "qa-payment", "--body", "-", "--transaction-id", "auto", "--description", "QA payment"); r.code != 0 {
		t.Fatalf("save: exit %d: %s", r.code, r.stderr)
	}
	if r := meshlink(t, env, "", "presets", "show", "qa-payment"); !strings.Contains(r.stdout, "# transactionId: a new one on every run") {
		t.Errorf("presets show does not say the transactionId is new each run:\n%s", r.stdout)
	}
	var ids []string
	for range 2 {
		r := meshlink(t, env, "", "token", "--preset", "qa-payment", "--base-url", srv.URL)
		if r.code != 0 || strings.TrimSpace(r.stdout) == "" {
			t.Fatalf("token --preset: exit %d: %s", r.code, r.stderr)
		}
		reqs := srv.Requests()
		var sent mesh.LinkTokenRequest
		if err := json.Unmarshal(reqs[len(reqs)-1].Body, &sent); err != nil {
			t.Fatal(err)
		}
		if sent.UserID != "qa-user" || sent.TransferOptions.ToAddresses[0].Amount != "10.50" {
			t.Errorf("replayed body differs from the saved setup: %s", reqs[len(reqs)-1].Body)
		}
		ids = append(ids, sent.TransferOptions.TransactionID)
	}
	if ids[0] == ids[1] || !mesh.IsUUID(ids[0]) || !mesh.IsUUID(ids[1]) {
		t.Errorf("transactionIds %q are not fresh UUIDs", ids)
	}
	r := meshlink(t, env, "", "presets", "list")
	if !strings.Contains(r.stdout, "qa-payment") || !strings.Contains(r.stdout, "payment") || !strings.Contains(r.stdout, "Base") || strings.Contains(r.stdout, "never") {
		t.Errorf("presets list:\n%s", r.stdout)
	}
	assertNoSecret(t, r)
}

// sentTransactionIDs replays the preset name n times against srv and
// returns the transactionIds the server saw.
func sentTransactionIDs(t *testing.T, env []string, srv *demo.Server, name string, n int) []string {
	t.Helper()
	var ids []string
	for range n {
		r := meshlink(t, env, "", "token", "--preset", name, "--base-url", srv.URL)
		if r.code != 0 {
			t.Fatalf("token --preset %s: exit %d: %s", name, r.code, r.stderr)
		}
		reqs := srv.Requests()
		var sent mesh.LinkTokenRequest
		if err := json.Unmarshal(reqs[len(reqs)-1].Body, &sent); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, sent.TransferOptions.TransactionID)
	}
	return ids
}

// A transactionId written in the body was once dropped and made fresh; it
// is kept as written unless a new one per run is asked for.
func TestPresetSaveKeepsTheBodysTransactionID(t *testing.T) {
	t.Parallel()
	srv, err := demo.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	env := append([]string{"MESHLINK_CONFIG_DIR=" + t.TempDir()}, withCreds...)
	body := `{"userId":"qa-user","transferOptions":{"transactionId":"order-1001","transferType":"deposit","toAddresses":[{"networkId":"0291810a-5947-424d-9a59-e88bb33e999d","symbol":"USDC","address":"7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU"}]}}`

	r := meshlink(t, env, body, "presets", "save", "kept", "--body", "-")
	if r.code != 0 || !strings.Contains(r.stderr, `every run sends transactionId "order-1001"`) || !strings.Contains(r.stderr, "--transaction-id auto") {
		t.Fatalf("save: exit %d: %s", r.code, r.stderr)
	}
	if ids := sentTransactionIDs(t, env, srv, "kept", 2); ids[0] != "order-1001" || ids[1] != "order-1001" {
		t.Errorf("sent transactionIds %q, want the body's order-1001 each time", ids)
	}
	if r := meshlink(t, env, "", "presets", "show", "kept"); !strings.Contains(r.stdout, `"transactionId": "order-1001"`) || !strings.Contains(r.stdout, `# transactionId: "order-1001" on every run, as saved`) {
		t.Errorf("presets show:\n%s", r.stdout)
	}

	for _, fresh := range [][]string{{"--transaction-id", "auto"}, {"--fresh", "transferOptions.transactionId"}} {
		name := "fresh" + strings.TrimLeft(fresh[0], "-")
		if r := meshlink(t, env, body, append([]string{"presets", "save", name, "--body", "-"}, fresh...)...); r.code != 0 || strings.Contains(r.stderr, "every run sends") {
			t.Fatalf("save %v: exit %d: %s", fresh, r.code, r.stderr)
		}
		ids := sentTransactionIDs(t, env, srv, name, 2)
		if ids[0] == ids[1] || !mesh.IsUUID(ids[0]) || !mesh.IsUUID(ids[1]) {
			t.Errorf("%v: sent transactionIds %q, want a new UUID each run", fresh, ids)
		}
	}

	if r := meshlink(t, env, body, "presets", "save", "fixed", "--body", "-", "--transaction-id", "order-2002"); r.code != 0 {
		t.Fatalf("save --transaction-id order-2002: %s", r.stderr)
	}
	if ids := sentTransactionIDs(t, env, srv, "fixed", 1); ids[0] != "order-2002" {
		t.Errorf("sent %q, want order-2002", ids)
	}
}

// A hand-edited preset is read as strictly as --body, and every mistake
// in a preset is bad usage: exit 2, nothing sent.
func TestPresetMistakesExit2(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { calls.Add(1) }))
	defer srv.Close()
	config := t.TempDir()
	env := append([]string{"MESHLINK_CONFIG_DIR=" + config}, withCreds...)
	edited := `{
  "version": 1,
  "name": "team-deposit",
  "useCase": "deposit",
  "request": {
    "userId": "qa-user",
    "transferOptions": {
      "transferType": "deposit",
      "toAdresses": [{"networkId": "0291810a-5947-424d-9a59-e88bb33e999d", "symbol": "USDC", "address": "7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU"}]
    }
  }
}
`
	if err := os.MkdirAll(filepath.Join(config, "presets"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(config, "presets", "team-deposit.json"), []byte(edited), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"token", "--preset", "team-deposit", "--base-url", srv.URL},
		{"presets", "show", "team-deposit"},
		{"presets", "export", "team-deposit"},
	} {
		r := meshlink(t, env, "", args...)
		if r.code != 2 || !strings.Contains(r.stderr, "toAdresses") || !strings.Contains(r.stderr, "team-deposit.json") {
			t.Errorf("%v: exit %d, want 2 naming the field and the file:\n%s", args, r.code, r.stderr)
		}
	}
	if r := meshlink(t, env, "", "presets", "list"); !strings.Contains(r.stderr, "toAdresses") {
		t.Errorf("presets list does not report the broken file:\n%s%s", r.stdout, r.stderr)
	}
	if r := meshlink(t, env, edited, "presets", "import", "-", "--name", "again"); r.code != 2 || !strings.Contains(r.stderr, "toAdresses") {
		t.Errorf("import: exit %d:\n%s", r.code, r.stderr)
	}

	withdrawal := `{"userId":"u1"}`
	for _, c := range []struct {
		name  string
		stdin string
		args  []string
		says  string
	}{
		{"use_case_that_contradicts_the_body", `{"userId":"u1","transferOptions":{"transferType":"payment"}}`, []string{"presets", "save", "x", "--body", "-", "--use-case", "deposit"}, `--use-case deposit contradicts the body's transferType "payment"`},
		{"unknown_environment", withdrawal, []string{"presets", "save", "x", "--body", "-", "--env", "staging"}, `unknown environment "staging"`},
		{"transaction_id_without_a_transfer", withdrawal, []string{"presets", "save", "x", "--body", "-", "--transaction-id", "auto"}, "no transferOptions"},
		{"fresh_transaction_id_without_a_transfer", withdrawal, []string{"presets", "save", "x", "--body", "-", "--fresh", "transactionId"}, "no transferOptions"},
		{"import_of_a_file_that_names_no_preset", `{"version":1,"useCase":"withdrawal","request":{"userId":"u1"}}`, []string{"presets", "import", "-"}, "does not name its preset"},
		{"misspelled_key_of_the_file", `{"version":1,"name":"y","descripton":"d","useCase":"withdrawal","request":{"userId":"u1"}}`, []string{"presets", "import", "-"}, `unknown field "descripton"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := meshlink(t, env, c.stdin, c.args...)
			if r.code != 2 || !strings.Contains(r.stderr, c.says) {
				t.Errorf("exit %d, want 2 saying %q:\n%s", r.code, c.says, r.stderr)
			}
		})
	}
	if calls.Load() != 0 {
		t.Errorf("a broken preset reached the server")
	}
}

// presets save --env prod is production, as token --env prod is.
func TestPresetSaveEnvironmentLikeToken(t *testing.T) {
	t.Parallel()
	env := []string{"MESHLINK_CONFIG_DIR=" + t.TempDir()}
	for flag, want := range map[string]string{"prod": "production", "Sandbox": "sandbox", "": "demo"} {
		args := []string{"presets", "save", "p-" + want, "--body", "-"}
		if flag != "" {
			args = append(args, "--env", flag)
		}
		if r := meshlink(t, env, `{"userId":"u1"}`, args...); r.code != 0 {
			t.Fatalf("save --env %s: exit %d: %s", flag, r.code, r.stderr)
		}
		r := meshlink(t, env, "", "presets", "export", "p-"+want)
		if !strings.Contains(r.stdout, `"environment": "`+want+`"`) {
			t.Errorf("--env %q saved:\n%s", flag, r.stdout)
		}
	}
}

func TestPresetExportImportRoundTrip(t *testing.T) {
	t.Parallel()
	config := t.TempDir()
	env := []string{"MESHLINK_CONFIG_DIR=" + config}
	body := `{"userId":"u1","verifyWalletOptions":{"verificationMethods":["signedMessage"],"message":"hi","networkType":"evm"}}`
	if r := meshlink(t, env, body, "presets", "save", "verify-evm", "--body", "-"); r.code != 0 {
		t.Fatalf("save: %s", r.stderr)
	}
	exported := meshlink(t, env, "", "presets", "export", "verify-evm")
	if exported.code != 0 || !strings.Contains(exported.stdout, `"version": 1`) {
		t.Fatalf("export: exit %d %s", exported.code, exported.stdout)
	}
	other := []string{"MESHLINK_CONFIG_DIR=" + t.TempDir()}
	if r := meshlink(t, other, exported.stdout, "presets", "import", "-", "--name", "team-verify"); r.code != 0 {
		t.Fatalf("import: %s", r.stderr)
	}
	again := meshlink(t, other, "", "presets", "export", "team-verify")
	if strings.Replace(again.stdout, "team-verify", "verify-evm", 1) != exported.stdout {
		t.Errorf("round trip changed the preset:\n%s\nvs\n%s", again.stdout, exported.stdout)
	}
	if r := meshlink(t, other, exported.stdout, "presets", "import", "-", "--name", "team-verify"); r.code != 2 || !strings.Contains(r.stderr, "--force") {
		t.Errorf("import over an existing preset: exit %d %s", r.code, r.stderr)
	}
	if r := meshlink(t, other, "", "presets", "show", "../etc"); r.code != 2 {
		t.Errorf("bad name: exit %d", r.code)
	}
}

func TestTokenCopySaysWhatHappened(t *testing.T) {
	t.Parallel()
	// stderr is a pipe here, so OSC 52 has no terminal to go to; the token
	// still goes to stdout, and the note says why nothing was copied.
	r := meshlink(t, []string{"MESHLINK_CLIPBOARD=osc52"}, "", append(append([]string{}, withdrawal...), "--copy")...)
	if r.code != 0 || strings.TrimSpace(r.stdout) == "" {
		t.Fatalf("exit %d, stdout %q: %s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stderr, "could not copy the token") || strings.Contains(r.stderr, "copied") {
		t.Errorf("stderr does not say the copy failed:\n%s", r.stderr)
	}
	r = meshlink(t, []string{"MESHLINK_CLIPBOARD=off"}, "", append(append([]string{}, withdrawal...), "--copy")...)
	if r.code != 0 || !strings.Contains(r.stderr, "turned off") {
		t.Errorf("MESHLINK_CLIPBOARD=off: exit %d\n%s", r.code, r.stderr)
	}
}

// TestTokenHelpExamplesRunAsPasted runs every example of `token --help` and
// `presets save --help`, in order, in a shell, as a user pasting them would
// (against the in-process demo server).
func TestTokenHelpExamplesRunAsPasted(t *testing.T) {
	t.Parallel()
	for _, command := range [][]string{{"token"}, {"presets", "save"}} {
		help := meshlink(t, nil, "", append(command, "--help")...).stdout
		_, examples, ok := strings.Cut(help, "\nExamples:\n")
		examples, _, _ = strings.Cut(examples, "\nFlags:\n")
		if !ok || strings.TrimSpace(examples) == "" {
			t.Fatalf("%v --help has no examples:\n%s", command, help)
		}
		var commands []string
		for _, line := range strings.Split(strings.ReplaceAll(examples, "\\\n", ""), "\n") {
			if line = strings.TrimSpace(line); line != "" {
				commands = append(commands, line)
			}
		}
		dir := t.TempDir()
		env := append(os.Environ(), "PATH="+filepath.Dir(binary)+string(os.PathListSeparator)+os.Getenv("PATH"),
			"HOME="+t.TempDir(), "MESHLINK_CONFIG_DIR="+t.TempDir(), "MESHLINK_CACHE_DIR="+t.TempDir(), "MESHLINK_STATE_DIR="+t.TempDir(),
			"MESHLINK_DEMO_SERVER=off", "MESH_CLIENT_ID=", "MESH_CLIENT_SECRET=")
		for _, c := range commands {
			if !strings.HasPrefix(c, "meshlink ") {
				t.Fatalf("an example that is not a meshlink command: %q", c)
			}
			cmd := exec.Command("sh", "-c", c)
			cmd.Dir, cmd.Env = dir, env
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("%s\n%v\n%s", c, err, out)
			}
		}
	}
}

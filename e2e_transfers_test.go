package main

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/meshlink/meshlink/mesh/demo"
)

// runDemoServer runs `meshlink demo-server` with args in the background and
// returns its URL; the test's end stops it. Runs that share its state
// directory (stateDir; "" for its own) find it as the demo environment's
// server: it proves itself with the key kept there.
func runDemoServer(t *testing.T, stateDir string, args ...string) string {
	t.Helper()
	if stateDir == "" {
		stateDir = t.TempDir()
	}
	cmd := exec.Command(binary, append([]string{"demo-server", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = []string{"MESHLINK_CONFIG_DIR=" + t.TempDir(), "MESHLINK_CACHE_DIR=" + t.TempDir(), "MESHLINK_STATE_DIR=" + stateDir}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Signal(syscall.SIGINT); _ = cmd.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || !strings.Contains(line, "http://") {
		t.Fatalf("demo-server said %q (%v)", line, err)
	}
	go io.Copy(io.Discard, stdout)
	return strings.TrimSpace(line[strings.Index(line, "http://"):])
}

// demoToken fetches a deposit token with a generated transactionId from
// the demo environment of env.
func demoToken(t *testing.T, env []string) (token, txID string) {
	t.Helper()
	r := meshlink(t, env, "", "token", "--use-case", "deposit", "--user-id", "u1",
		"--to", "solana:USDC:7dHbWXmci3dT8UFYWYZweBLXgycu7Y3iL6trKn1Y7ARj", "--transaction-id", "auto", "--json", "-q")
	var tok struct{ LinkToken, TransactionID string }
	if err := json.Unmarshal([]byte(r.stdout), &tok); r.code != 0 || err != nil || tok.TransactionID == "" {
		t.Fatalf("token: exit %d (%v)\n%s\n%s", r.code, err, r.stdout, r.stderr)
	}
	return tok.LinkToken, tok.TransactionID
}

// The chain from a token to its outcome, from the binaries: a demo token
// from a running `meshlink demo-server`, Link played over its HTTP
// endpoints, then `transfers watch` (the newest fetch in the history)
// follows the transfer to succeeded, and `history --status` and `report`
// show it. A failing persona's transfer ends the watch with exit 1.
func TestDemoTokenLinkTransferWatchChain(t *testing.T) {
	t.Parallel()
	state, cache := t.TempDir(), t.TempDir()
	base := runDemoServer(t, state, "--settle-after", "1s")
	env := []string{"MESHLINK_STATE_DIR=" + state, "MESHLINK_CACHE_DIR=" + cache, "MESHLINK_DEMO_SERVER=" + base}

	token, tx := demoToken(t, env)
	if _, err := demo.Play(t.Context(), http.DefaultClient, token, demo.ScriptSucceeds); err != nil {
		t.Fatal(err)
	}
	w := meshlink(t, env, "", "transfers", "watch", "--interval", "100ms", "--json")
	if w.code != 0 {
		t.Fatalf("watch: exit %d\n%s\n%s", w.code, w.stdout, w.stderr)
	}
	if !strings.Contains(w.stderr, "the newest fetch with a transactionId here is history entry 1") || !strings.Contains(w.stderr, "watching transactionId "+tx) {
		t.Errorf("watch does not say what it watches:\n%s", w.stderr)
	}
	lines := strings.Split(strings.TrimSpace(w.stdout), "\n")
	var last struct {
		TransactionID, Status string
		Transfer              struct{ ClientTransactionID, Status, Hash string }
	}
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &last); err != nil {
		t.Fatal(err)
	}
	if last.Status != "succeeded" || last.TransactionID != tx || last.Transfer.ClientTransactionID != tx || last.Transfer.Hash == "" {
		t.Errorf("watch ended on %+v, want succeeded for %s", last, tx)
	}

	list := meshlink(t, env, "", "transfers", "--transaction-id", tx)
	if list.code != 0 || !strings.Contains(list.stdout, "succeeded") || !strings.Contains(list.stdout, "USDC") {
		t.Errorf("transfers --transaction-id: exit %d\n%s\n%s", list.code, list.stdout, list.stderr)
	}

	h := meshlink(t, env, "", "history", "--status")
	row := ""
	for _, l := range strings.Split(h.stdout, "\n") {
		if strings.Contains(l, tx) {
			row = l
		}
	}
	if h.code != 0 || !strings.HasSuffix(strings.TrimSpace(row), "succeeded") || !strings.Contains(h.stdout, "TRANSFER") {
		t.Errorf("history --status: exit %d\n%s\n%s", h.code, h.stdout, h.stderr)
	}
	rep := meshlink(t, env, "", "report", "1")
	if !strings.Contains(rep.stdout, "transfer:       succeeded (Mesh's transfer id ") {
		t.Errorf("report 1:\n%s\n%s", rep.stdout, rep.stderr)
	}

	token, tx = demoToken(t, env)
	if _, err := demo.Play(t.Context(), http.DefaultClient, token, demo.ScriptFails); err != nil {
		t.Fatal(err)
	}
	w = meshlink(t, env, "", "transfers", "watch", "--transaction-id", tx, "--interval", "100ms")
	if w.code != 1 || !strings.Contains(w.stdout, "failed") || !strings.Contains(w.stderr, `meshlink: the transfer of transactionId "`+tx+`" failed`) {
		t.Errorf("a failing transfer: exit %d\n%s\n%s", w.code, w.stdout, w.stderr)
	}
}

// A watch waits on a timer between polls: three seconds of it cost the
// process about its start-up in CPU time, far from the seconds a busy loop
// would burn. (bench/watchcpu measures a minute: README's Performance.)
func TestWatchCostsNothingBetweenPolls(t *testing.T) {
	t.Parallel()
	state := t.TempDir()
	base := runDemoServer(t, state, "--settle-after", "1h")
	env := []string{"MESHLINK_STATE_DIR=" + state, "MESHLINK_DEMO_SERVER=" + base}
	token, tx := demoToken(t, env)
	if _, err := demo.Play(t.Context(), http.DefaultClient, token, demo.ScriptSucceeds); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(binary, "--timeout", "3s", "transfers", "watch", "--transaction-id", tx, "--interval", "100ms")
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "MESHLINK_CONFIG_DIR=" + t.TempDir(), "MESHLINK_CACHE_DIR=" + t.TempDir()}, env...)
	out, _ := cmd.CombinedOutput()
	if cmd.ProcessState.ExitCode() != 1 || !strings.Contains(string(out), "timed out after 3s: the transfer is still pending") {
		t.Fatalf("watch: exit %d\n%s", cmd.ProcessState.ExitCode(), out)
	}
	if cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(); cpu > 500*time.Millisecond {
		t.Errorf("a 3 s watch used %s of CPU: something spins between polls", cpu)
	}
}

package cli

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/mesh/demo"
	"github.com/meshlink/meshlink/mesh/regularfile"
	"github.com/meshlink/meshlink/presets/history"
	"github.com/meshlink/meshlink/ui/wizard"
)

// demoApp is a testApp that may reach its in-process demo server on loopback.
func demoApp(t *testing.T, env ...string) (*App, *strings.Builder, *strings.Builder) {
	t.Helper()
	app, _, _ := testApp(t, env...)
	var out, errb strings.Builder
	app.Out, app.Err = &out, &errb
	app.HTTPClient = &http.Client{}
	return app, &out, &errb
}

func run(t *testing.T, app *App, args ...string) error {
	t.Helper()
	return Execute(context.Background(), app, args)
}

func TestFetchesGoIntoTheHistory(t *testing.T) {
	app, out, errb := demoApp(t)
	if err := run(t, app, "token", "--use-case", "deposit", "--user-id", "user-1234", "--to", "solana:USDC:7dHbWXmci3dT8UFYWYZweBLXgycu7Y3iL6trKn1Y7ARj",
		"--transaction-id", "tx-history-1", "--pay-link", "--json"); err != nil {
		t.Fatalf("%v\n%s", err, errb)
	}
	var tok tokenJSON
	if err := json.Unmarshal([]byte(out.String()), &tok); err != nil {
		t.Fatal(err)
	}
	if tok.TransactionID != "tx-history-1" {
		t.Errorf("--json transactionId = %q", tok.TransactionID)
	}

	out.Reset()
	if err := run(t, app, "history"); err != nil {
		t.Fatal(err)
	}
	// the token came from this run's own demo server, which ended with it
	for _, want := range []string{"TRANSACTION", "demo", "deposit", "user-1234", "tx-history-1", "in-process demo ended, pay link"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("history lacks %q:\n%s", want, out)
		}
	}

	stateDir := app.Getenv("MESHLINK_STATE_DIR")
	data, err := os.ReadFile(filepath.Join(stateDir, history.FileName))
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{tok.LinkToken, tok.PaymentLink, "linkToken"} {
		if strings.Contains(string(data), secret) {
			t.Errorf("the history holds %q", secret)
		}
	}

	// Ten minutes later the same entry reads as expired.
	app.Now = func() time.Time { return fixedNow.Add(11 * time.Minute) }
	out.Reset()
	run(t, app, "history")
	if !strings.Contains(out.String(), "expired, pay link") {
		t.Errorf("an old token is not shown as expired:\n%s", out)
	}
}

// A token from a running `meshlink demo-server` stays live after the run
// that fetched it, in history and in report; one from the run's own demo
// server does not.
func TestDemoTokensAreLiveOnlyWhileTheirServerRuns(t *testing.T) {
	state := t.TempDir()
	key, err := demo.LoadKey(filepath.Join(state, demo.KeyFile), true) // the key a running demo-server proves itself with
	if err != nil {
		t.Fatal(err)
	}
	srv, err := demo.StartWith(demo.Options{Key: key})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	for _, c := range []struct {
		name, server, history, report string
	}{
		{"shared", srv.URL, "live, 10 minutes left", ""},
		{"in_process", "off", "in-process demo ended", "ended with it: the token opens nothing now"},
	} {
		t.Run(c.name, func(t *testing.T) {
			state := state
			if c.server == "off" {
				state = t.TempDir() // a history of its own
			}
			app, out, errb := demoApp(t, "MESHLINK_DEMO_SERVER", c.server, "MESHLINK_STATE_DIR", state)
			if err := run(t, app, "token", "--use-case", "withdrawal", "--user-id", "u1"); err != nil {
				t.Fatalf("%v\n%s", err, errb)
			}
			out.Reset()
			run(t, app, "history")
			if !strings.Contains(out.String(), c.history) {
				t.Errorf("history lacks %q:\n%s", c.history, out)
			}
			out.Reset()
			run(t, app, "report")
			if got := strings.Contains(out.String(), "ended with it"); got != (c.report != "") || !strings.Contains(out.String(), c.report) {
				t.Errorf("report:\n%s", out)
			}
		})
	}
}

func TestHistoryJSONAndCount(t *testing.T) {
	app, out, _ := demoApp(t)
	for _, id := range []string{"u-one", "u-two", "u-three"} {
		if err := run(t, app, "token", "--use-case", "withdrawal", "--user-id", id); err != nil {
			t.Fatal(err)
		}
	}
	out.Reset()
	if err := run(t, app, "history", "--json", "-n", "2"); err != nil {
		t.Fatal(err)
	}
	var got []struct {
		N      int    `json:"n"`
		UserID string `json:"userId"`
		OK     bool   `json:"ok"`
	}
	if err := json.Unmarshal([]byte(out.String()), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(got) != 2 || got[0].N != 1 || got[0].UserID != "u-three" || got[1].UserID != "u-two" || !got[0].OK {
		t.Errorf("got %+v", got)
	}
}

func TestHistoryCountGivenPrintsNoFooter(t *testing.T) {
	app, out, errb := demoApp(t)
	for _, id := range []string{"u-one", "u-two"} {
		if err := run(t, app, "token", "--use-case", "withdrawal", "--user-id", id, "-q"); err != nil {
			t.Fatal(err)
		}
	}
	out.Reset()
	errb.Reset()
	if err := run(t, app, "history", "-n", "1"); err != nil {
		t.Fatal(err)
	}
	if errb.Len() != 0 || strings.Count(out.String(), "\n") != 2 || !strings.Contains(out.String(), "u-two") {
		t.Errorf("history -n 1: stdout %q, stderr %q; want the header and the newest entry, nothing else", out, errb)
	}
}

func TestHistoryOff(t *testing.T) {
	app, _, _ := demoApp(t, "MESHLINK_HISTORY", "off")
	if err := run(t, app, "token", "--use-case", "withdrawal", "--user-id", "u1"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(app.Getenv("MESHLINK_STATE_DIR"), history.FileName)); !os.IsNotExist(err) {
		t.Errorf("MESHLINK_HISTORY=off still wrote the history: %v", err)
	}
}

// failingMesh answers every link-token request like Mesh refusing a body.
func failingMesh(t *testing.T) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, `{"status":"badRequest","message":"Address is not valid for network","displayMessage":null,"errorType":"invalidField","errorHash":"e08e7897"}`)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestReportOfAFailure(t *testing.T) {
	app, out, _ := demoApp(t, withCreds...)
	err := run(t, app, "token", "--base-url", failingMesh(t), "--use-case", "withdrawal", "--user-id", "customer-98765",
		"--set", "accessTokens[0].accessToken=managed-secret")
	if ExitCode(err) != ExitAPI {
		t.Fatalf("err %v, want an API failure", err)
	}
	out.Reset()
	if err := run(t, app, "history"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "failed: HTTP 400, invalidField, errorHash e08e7897") {
		t.Errorf("history:\n%s", out)
	}
	out.Reset()
	if err := run(t, app, "report"); err != nil {
		t.Fatal(err)
	}
	report := out.String()
	for _, want := range []string{"meshlink:", "os:", "environment:    custom", "result:         failed: HTTP 400", "errorType:      invalidField",
		"errorHash:      e08e7897", "message:        Address is not valid for network", `"userId": "cu**********65"`, `"restrictMultipleAccounts": true`} {
		if !strings.Contains(report, want) {
			t.Errorf("report lacks %q:\n%s", want, report)
		}
	}
	for _, secret := range []string{"customer-98765", "managed-secret", testSecret, "accessTokens"} {
		if strings.Contains(report, secret) {
			t.Errorf("report holds %q", secret)
		}
	}
}

func TestReportAndHistoryMistakes(t *testing.T) {
	app, _, _ := demoApp(t)
	wantUsage(t, run(t, app, "report"), "no fetches recorded yet")
	run(t, app, "token", "--use-case", "withdrawal", "--user-id", "u1")
	wantUsage(t, run(t, app, "report", "2"), "no entry 2", "holds 1")
	wantUsage(t, run(t, app, "report", "zero"), "entry number")
	wantUsage(t, run(t, app, "report", "1", "2"), "one entry number")
	wantUsage(t, run(t, app, "history", "-n", "-1"), "-n -1")
}

func TestMaskUserID(t *testing.T) {
	for in, want := range map[string]string{"": "", "abc": "***", "user-1": "us**-1", "ü-1234": "ü-**34"} {
		if got := maskUserID(in); got != want {
			t.Errorf("maskUserID(%q) = %q, want %q", in, got, want)
		}
	}
}

// Mesh's message may name the user: the report masks the id there too,
// where it stands as a word of its own.
func TestMaskUserIDIn(t *testing.T) {
	for _, c := range []struct{ text, id, want string }{
		{"User customer-98765 is blocked", "customer-98765", "User cu**********65 is blocked"},
		{`no user "u1"; u1 again`, "u1", `no user "**"; ** again`},
		{"Invalid address", "id", "Invalid address"},
		{"user-12 and user-123", "user-12", "us***12 and user-123"},
		{"anything", "", "anything"},
	} {
		if got := maskUserIDIn(c.text, c.id); got != c.want {
			t.Errorf("maskUserIDIn(%q, %q) = %q, want %q", c.text, c.id, got, c.want)
		}
	}
}

func TestSavePreset(t *testing.T) {
	app, _, errb := demoApp(t)
	if err := run(t, app, "token", "--use-case", "payment", "--user-id", "qa-user", "--transaction-id", "auto",
		"--to", "base:USDC:0x71C7656EC7ab88b098defB751B7401B5f6d8976F:10", "--save-preset", "qa-pay"); err != nil {
		t.Fatalf("%v\n%s", err, errb)
	}
	store, _ := presetStore(app)
	p, err := store.Load("qa-pay")
	if err != nil {
		t.Fatal(err)
	}
	if p.Request.UserID != "qa-user" || !p.IsFresh("transferOptions.transactionId") || p.Environment != "demo" || len(p.Request.TransferOptions.ToAddresses) != 1 {
		t.Errorf("saved %+v", p)
	}
	if !strings.Contains(errb.String(), `saved this setup as preset "qa-pay"`) {
		t.Errorf("stderr: %s", errb)
	}

	// A taken name is refused before anything is sent.
	app2, out2, _ := testApp(t, "MESHLINK_CONFIG_DIR", app.Getenv("MESHLINK_CONFIG_DIR"))
	wantUsage(t, run(t, app2, "token", "--use-case", "withdrawal", "--user-id", "u1", "--save-preset", "qa-pay"), `preset "qa-pay" exists`)
	wantUsage(t, run(t, app2, "token", "--use-case", "withdrawal", "--user-id", "u1", "--save-preset", "a/b"), "--save-preset")
	// so is one macOS and Windows would store in the same file
	wantUsage(t, run(t, app2, "token", "--use-case", "withdrawal", "--user-id", "u1", "--save-preset", "QA-Pay"), "--save-preset", `"qa-pay"`)
	if out2.Len() > 0 {
		t.Errorf("stdout: %s", out2)
	}

	// --dry-run saves too, with the environment the run would use.
	if err := run(t, app2, "token", "--use-case", "withdrawal", "--user-id", "fixed", "--dry-run", "--save-preset", "dry"); err != nil {
		t.Fatal(err)
	}
	p, err = store.Load("dry")
	if err != nil || p.Request.UserID != "fixed" || p.Environment != "demo" {
		t.Errorf("dry-run preset %+v, %v", p, err)
	}
}

func TestWizardFetchesGoIntoTheHistory(t *testing.T) {
	app, out, _ := demoApp(t)
	app.StdinTTY, app.StdoutTTY = true, true
	app.RunWizard = func(ctx context.Context, o wizard.Options) error {
		cl, err := o.Connect(mesh.TargetFor(mesh.EnvDemo, mesh.Credentials{}))
		if err != nil {
			return err
		}
		_, err = cl.LinkToken(ctx, mesh.NewRequest(mesh.UseWithdrawal, "wizard-user"))
		return err
	}
	if err := run(t, app); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	run(t, app, "history", "--json")
	var got []history.Entry
	if err := json.Unmarshal([]byte(out.String()), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Source != history.SourceWizard || got[0].UserID != "wizard-user" || !got[0].OK {
		t.Errorf("got %+v", got)
	}
}

func TestWizardIsGivenTheHistory(t *testing.T) {
	for _, off := range []bool{false, true} {
		env := []string{}
		if off {
			env = []string{"MESHLINK_HISTORY", "off"}
		}
		app, _, _ := testApp(t, env...)
		app.StdinTTY, app.StdoutTTY = true, true
		var got *history.Log
		app.RunWizard = func(ctx context.Context, o wizard.Options) error { got = o.History; return nil }
		if err := run(t, app); err != nil {
			t.Fatal(err)
		}
		if off != (got == nil) || (!off && got.Dir != app.Getenv("MESHLINK_STATE_DIR")) {
			t.Errorf("MESHLINK_HISTORY off=%v: the wizard got %+v", off, got)
		}
	}
}

// The wizard's own demo server ends with it: a token the wizard is quit with
// leads nowhere after, and the user is told so and how to keep one running.
func TestWizardDemoLinksEndWithIt(t *testing.T) {
	app, _, errb := demoApp(t)
	app.StdinTTY, app.StdoutTTY, app.ErrTTY = true, true, true
	app.RunWizard = func(ctx context.Context, o wizard.Options) error {
		cl, err := o.Connect(mesh.TargetFor(mesh.EnvDemo, mesh.Credentials{}))
		if err != nil {
			return err
		}
		tok, err := cl.LinkToken(ctx, mesh.NewRequest(mesh.UseWithdrawal, "wizard-user"))
		if err != nil {
			return err
		}
		return o.Done(wizard.Result{Token: tok, Env: mesh.EnvDemo})
	}
	if err := run(t, app); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"stop working when meshlink exits", "meshlink demo-server"} {
		if !strings.Contains(errb.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, errb)
		}
	}
}

// With MESHLINK_DEMO_SERVER=off no running demo server is ever used, so the
// note on keeping demo links alive says to lift that, not where one is looked
// for (it named the default address, where meshlink would not look).
func TestDemoLinksNoteWithTheDemoServerOff(t *testing.T) {
	for _, c := range []struct{ env, want, never string }{
		{"off", "once MESHLINK_DEMO_SERVER is no longer off", "answers at"},
		{"http://127.0.0.1:1", "when it answers at http://127.0.0.1:1", "no longer off"},
	} {
		app, _, errb := demoApp(t, "MESHLINK_DEMO_SERVER", c.env)
		if err := run(t, app, "token", "--use-case", "withdrawal", "--user-id", "u1"); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(errb.String(), c.want) || strings.Contains(errb.String(), c.never) {
			t.Errorf("MESHLINK_DEMO_SERVER=%s: stderr should say %q, never %q:\n%s", c.env, c.want, c.never, errb)
		}
	}
}

// The token comes back (to be printed, or handed to the wizard) before the
// history is written: here another meshlink holds the history's lock for as
// long as it likes, and the fetch does not wait for it. The entry is written
// once the lock is free, before the run ends.
func TestTheTokenComesBeforeTheHistory(t *testing.T) {
	app, _, errb := demoApp(t)
	state := app.Getenv("MESHLINK_STATE_DIR")
	unlock, err := regularfile.Lock(context.Background(), filepath.Join(state, "history.lock"), time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	conn := &connector{app: app, g: &globalFlags{}, historyLockWait: time.Hour}
	cl, err := conn.client(mesh.TargetFor(mesh.EnvDemo, mesh.Credentials{}))
	if err != nil {
		t.Fatal(err)
	}
	fetched := make(chan error, 1)
	go func() {
		_, err := cl.LinkToken(context.Background(), mesh.NewRequest(mesh.UseWithdrawal, "u-before"))
		fetched <- err
	}()
	select {
	case err := <-fetched:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(time.Minute): // far beyond a fetch from loopback: the fetch waits for the lock
		unlock()
		t.Fatal("the fetch waited for the history's lock")
	}
	unlock()
	conn.Close()
	entries, _, err := history.Log{Dir: state}.Read()
	if err != nil || len(entries) != 1 || entries[0].UserID != "u-before" {
		t.Errorf("history: %v, %v", entries, err)
	}
	if errb.Len() > 0 {
		t.Errorf("stderr: %s", errb)
	}
}

// A history that cannot be written costs a warning at the end of the run,
// after the token.
// --quiet silences notes, not this warning.
func TestAHistoryThatFailsCostsAWarningNotTheToken(t *testing.T) {
	for _, quiet := range [][]string{nil, {"-q"}} {
		app, out, errb := demoApp(t)
		state := app.Getenv("MESHLINK_STATE_DIR")
		if err := os.MkdirAll(filepath.Join(state, "history.jsonl"), 0o700); err != nil { // a directory in its place
			t.Fatal(err)
		}
		if err := run(t, app, append([]string{"token", "--use-case", "withdrawal", "--user-id", "u1"}, quiet...)...); err != nil {
			t.Fatalf("%v\n%s", err, errb)
		}
		if strings.TrimSpace(out.String()) == "" {
			t.Error("no token")
		}
		if !strings.Contains(errb.String(), "warning: not recorded in the history") || !strings.Contains(errb.String(), "history.jsonl is a directory") {
			t.Errorf("%v: stderr: %s", quiet, errb)
		}
	}
}

// A run interrupted after its history was written (ctrl+c in `meshlink try`,
// long after the fetch) has nothing to warn about: done wins over the
// cancelled context, which select would pick half of the time.
func TestHistoryWritesDoneBeforeAnInterruptWarnNothing(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for range 200 {
		var h historyWrites
		h.start(func() error { return nil })
		h.wg.Wait()
		if errs := h.wait(ctx, time.Hour); len(errs) != 0 {
			t.Fatalf("writes done, then ctrl+c: %v", errs)
		}
	}
}

// A write still under way when the run is interrupted gets a grace to end:
// the fetch stays in the history, and nothing writes into the state
// directory after the run (TestTrySandboxSaysWhichOriginToAllowListBeforeOpening
// saw its folder written while it was being removed).
func TestAnInterruptWaitsBrieflyForAWriteUnderWay(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var h historyWrites
	release, written := make(chan struct{}), false
	h.start(func() error {
		<-release
		written = true
		return nil
	})
	cancel()
	go close(release)
	if errs := h.wait(ctx, time.Hour); len(errs) != 0 || !written {
		t.Fatalf("a write ending just after ctrl+c: errs %v, written %v", errs, written)
	}
	var stuck historyWrites
	block := make(chan struct{})
	defer close(block)
	stuck.start(func() error { <-block; return nil })
	if errs := stuck.wait(ctx, time.Hour); len(errs) != 1 || !strings.Contains(errs[0].Error(), "interrupted") {
		t.Fatalf("a write that never ends: %v", errs)
	}
}

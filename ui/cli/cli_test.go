package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/presets"
	"github.com/meshlink/meshlink/ui/wizard"
)

func TestExitCodeAndMessage(t *testing.T) {
	invalid := mesh.Problems{{Path: "userId", Message: "required", Severity: mesh.SeverityError}}
	cases := []struct {
		name string
		err  error
		code int
		msg  string // the whole message, when set
	}{
		{"success", nil, ExitOK, ""},
		{"usage", usagef("give --env or --base-url, not both"), ExitUsage, "meshlink: give --env or --base-url, not both"},
		{"wrapped_usage", fmt.Errorf("token: %w", &UsageError{"bad"}), ExitUsage, "meshlink: token: bad"},
		{"invalid_request", invalid.Err(), ExitUsage, ""},
		{"invalid_request_with_flag_hints", invalidRequest(invalid), ExitUsage, "meshlink: the request was not sent:\n  userId: required (--user-id)"},
		{"preset_not_found", fmt.Errorf("load %q: %w", "qa", presets.ErrNotFound), ExitUsage, ""},
		{"preset_exists", presets.ErrExists, ExitUsage, ""},
		{"preset_invalid_name", presets.ErrInvalidName, ExitUsage, ""},
		{"preset_corrupt", presets.ErrCorrupt, ExitUsage, ""},
		{"preset_from_a_newer_meshlink", presets.ErrNewerVersion, ExitUsage, ""},
		{"preset_with_access_tokens", presets.ErrAccessTokens, ExitUsage, ""},
		{"api_error", &mesh.APIError{Op: "fetch link token", StatusCode: http.StatusUnauthorized}, ExitAPI, ""},
		{"network_error", &mesh.NetworkError{Op: "fetch link token", Host: "example.com", Err: io.ErrUnexpectedEOF}, ExitAPI, ""},
		{"deadline", context.DeadlineExceeded, ExitAPI, ""},
		{"anything_else", errors.New("disk full"), ExitAPI, "meshlink: disk full"},
		{"canceled", context.Canceled, ExitInterrupted, "meshlink: interrupted"},
		{"canceled_during_a_fetch", &mesh.NetworkError{Op: "fetch link token", Host: "example.com", Err: context.Canceled}, ExitInterrupted, "meshlink: interrupted"},
		{"wizard_interrupted", wizard.ErrInterrupted, ExitInterrupted, "meshlink: interrupted"},
		{"wrapped_wizard_interrupted", fmt.Errorf("wizard: %w", wizard.ErrInterrupted), ExitInterrupted, "meshlink: interrupted"},
		{"trailing_newline_trimmed", errors.New("oops\n"), ExitAPI, "meshlink: oops"},
		// mesh's messages name no flag (the wizard shows them); the CLI adds its own.
		{"timeout_names_the_flag", &mesh.NetworkError{Op: "fetch link token", Host: "h", Timeout: time.Second}, ExitAPI,
			"meshlink: fetch link token: no answer from h within 1s\nTry again, or allow more time.\n--timeout allows more time."},
		{"unreachable_names_the_flags", &mesh.NetworkError{Op: "fetch link token", Host: "h", Err: errors.New("refused")}, ExitAPI,
			"meshlink: fetch link token: cannot reach h: refused\nCheck your connection, the environment and the base URL.\n--env or --base-url names the host."},
		{"errorHash_for_support", &mesh.APIError{Op: "fetch link token", StatusCode: 400, Status: "badRequest", ErrorType: "missingField", Message: "UserId is required", Display: "Something went wrong", ErrorHash: "7dcbb73d"}, ExitAPI,
			"meshlink: fetch link token: HTTP 400 Bad Request (missingField): UserId is required — Something went wrong\nQuote errorHash 7dcbb73d to Mesh support.\nMesh refused the request body: fix the field it names and send again."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := ExitCode(c.err); got != c.code {
				t.Errorf("ExitCode(%v) = %d, want %d", c.err, got, c.code)
			}
			if c.msg != "" {
				if got := Message(c.err); got != c.msg {
					t.Errorf("Message = %q, want %q", got, c.msg)
				}
			}
		})
	}
}

func TestWizardWithoutTerminalFailsAtOnce(t *testing.T) {
	cases := []struct {
		name          string
		stdin, stdout bool
		says          string
	}{
		{"stdin_not_a_terminal", false, true, "stdin is not a terminal"},
		{"no_terminal_to_draw_on", true, false, "neither stdout nor stderr is one and /dev/tty cannot be opened"},
		{"neither", false, false, "stdin is not a terminal"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			app, out, _ := testApp(t) // its RunWizard fails the test; it has no /dev/tty
			app.StdinTTY, app.StdoutTTY = c.stdin, c.stdout
			err := Execute(context.Background(), app, nil)
			wantUsage(t, err, "the wizard needs a terminal", c.says, "meshlink token")
			if out.Len() > 0 {
				t.Errorf("stdout: %q", out)
			}
		})
	}
}

func TestWizardGetsItsOptionsFromTheApp(t *testing.T) {
	configDir, cacheDir := t.TempDir(), t.TempDir()
	xdgConfig, xdgCache := t.TempDir(), t.TempDir()
	creds := mesh.Credentials{ClientID: testClientID, ClientSecret: testSecret}
	cases := []struct {
		name      string
		env       []string
		args      []string
		wantEnv   mesh.Environment
		wantBase  string
		wantCreds mesh.Credentials
		config    string
		cache     string
		access    bool
	}{
		{"credentials_start_in_sandbox",
			append([]string{"MESHLINK_CONFIG_DIR", configDir, "MESHLINK_CACHE_DIR", cacheDir}, withCreds...), nil,
			mesh.EnvSandbox, "", creds, configDir, cacheDir, false},
		{"no_credentials_start_in_demo_and_xdg_dirs",
			[]string{"XDG_CONFIG_HOME", xdgConfig, "XDG_CACHE_HOME", xdgCache, "ACCESSIBLE", "1"}, nil,
			mesh.EnvDemo, "", mesh.Credentials{}, filepath.Join(xdgConfig, "meshlink"), filepath.Join(xdgCache, "meshlink"), true},
		{"base_url_is_custom",
			append([]string{"MESHLINK_CONFIG_DIR", configDir, "MESHLINK_CACHE_DIR", cacheDir}, withCreds...), []string{"--base-url", "http://127.0.0.1:1", "--accessible"},
			mesh.EnvCustom, "http://127.0.0.1:1", creds, configDir, cacheDir, true},
		{"production_when_named",
			append([]string{"MESHLINK_CONFIG_DIR", configDir, "MESHLINK_CACHE_DIR", cacheDir}, withCreds...), []string{"--env", "production"},
			mesh.EnvProduction, "", creds, configDir, cacheDir, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			app, _, _ := testApp(t)
			app.Getenv = getenvOf(append(c.env, "MESHLINK_DEMO_SERVER", "off")...)
			app.StdinTTY, app.StdoutTTY = true, true
			var got wizard.Options
			var demoURL, connectedTo string
			calls := 0
			app.RunWizard = func(ctx context.Context, o wizard.Options) error {
				calls++
				got = o
				d, err := o.Connect(mesh.TargetFor(mesh.EnvDemo, mesh.Credentials{}))
				if err != nil {
					return err
				}
				demoURL = d.BaseURL
				target := mesh.TargetFor(c.wantEnv, o.Credentials)
				if c.wantEnv == mesh.EnvCustom {
					target.BaseURL = o.BaseURL
				}
				cl, err := o.Connect(target)
				if err != nil {
					return err
				}
				connectedTo = cl.BaseURL
				return wizard.ErrInterrupted
			}
			err := Execute(context.Background(), app, c.args)
			if !errors.Is(err, wizard.ErrInterrupted) || ExitCode(err) != ExitInterrupted {
				t.Errorf("got %v, want the wizard's ErrInterrupted (exit 130)", err)
			}
			if calls != 1 {
				t.Fatalf("RunWizard called %d times", calls)
			}
			if got.Env != c.wantEnv || got.BaseURL != c.wantBase {
				t.Errorf("Env %s, BaseURL %q; want %s, %q", got.Env, got.BaseURL, c.wantEnv, c.wantBase)
			}
			if named := len(c.args) > 0 && c.args[0] != "--accessible"; got.EnvNamed != named {
				t.Errorf("EnvNamed %v for %q: a preset would move a run whose environment was named", got.EnvNamed, c.args)
			}
			if got.Credentials != c.wantCreds {
				t.Errorf("Credentials %v, want %v", got.Credentials, c.wantCreds)
			}
			if got.CacheDir != c.cache {
				t.Errorf("CacheDir %q, want %q", got.CacheDir, c.cache)
			}
			if got.Presets == nil || got.Presets.Dir != filepath.Join(c.config, "presets") {
				t.Errorf("Presets %+v, want a store in %s", got.Presets, filepath.Join(c.config, "presets"))
			}
			if got.Accessible != c.access {
				t.Errorf("Accessible %t, want %t", got.Accessible, c.access)
			}
			if got.In != app.In || got.Out != app.Out || got.Getenv == nil || got.Now == nil || !got.Now().Equal(fixedNow) {
				t.Errorf("the wizard did not get the App's streams, getenv and clock")
			}
			if !strings.HasPrefix(demoURL, "http://127.0.0.1:") {
				t.Errorf("Connect(demo) went to %q", demoURL)
			}
			want := map[mesh.Environment]string{mesh.EnvDemo: demoURL, mesh.EnvCustom: c.wantBase}[c.wantEnv]
			if want == "" {
				want = c.wantEnv.BaseURL()
			}
			if connectedTo != want {
				t.Errorf("Connect(%s) went to %q, want %q", c.wantEnv, connectedTo, want)
			}
			noKeepAlive := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
			if resp, err := noKeepAlive.Get(demoURL + mesh.PathNetworks); err == nil {
				resp.Body.Close()
				t.Errorf("the wizard's demo server still runs after the wizard ended")
			}
		})
	}
}

// The wizard asks for the keys a send needs: --env production without
// MESH_CLIENT_* opens it on production, keys not set.
func TestWizardStartsWithoutTheKeysItWillAskFor(t *testing.T) {
	app, _, _ := testApp(t)
	app.StdinTTY, app.StdoutTTY = true, true
	var got wizard.Options
	app.RunWizard = func(_ context.Context, o wizard.Options) error { got = o; return nil }
	if err := Execute(context.Background(), app, []string{"--env", "production"}); err != nil {
		t.Fatal(err)
	}
	if got.Env != mesh.EnvProduction || got.Credentials.Complete() {
		t.Errorf("wizard on %s with %v", got.Env, got.Credentials)
	}
}

// The wizard writes QR codes under the state directory, not wherever
// meshlink was started.
func TestWizardWritesQRCodesInTheStateDirectory(t *testing.T) {
	app, _, _ := testApp(t)
	app.StdinTTY, app.StdoutTTY = true, true
	var got wizard.Options
	app.RunWizard = func(_ context.Context, o wizard.Options) error { got = o; return nil }
	if err := Execute(context.Background(), app, nil); err != nil {
		t.Fatal(err)
	}
	if want, _ := presets.StateDir(app.Getenv); got.QRDir == "" || got.QRDir != want {
		t.Errorf("QR codes go to %q, want the state directory %q", got.QRDir, want)
	}
}

// TOKEN=$(meshlink): the wizard draws on stderr and the token it ends with
// goes alone to stdout; --json prints it as token --json does.
func TestWizardTokenGoesToStdoutWhenItIsNotATerminal(t *testing.T) {
	tok := &mesh.LinkToken{Token: "dG9rZW4=", LinkURL: "https://link", ExpiresAt: fixedNow.Add(mesh.TokenLifetime)}
	for _, c := range []struct {
		name   string
		args   []string
		stdout bool
		want   []string
	}{
		{"piped", nil, false, []string{"dG9rZW4=\n"}},
		{"piped_json", []string{"--json"}, false, []string{`"linkToken": "dG9rZW4="`, `"transactionId": "tx-1"`}},
		{"terminal_summary", nil, true, []string{"dG9rZW4=", "transactionId: tx-1", "Link URL: https://link", "valid until"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			app, out, errb := testApp(t)
			app.StdinTTY, app.StdoutTTY, app.ErrTTY = true, c.stdout, true
			app.RunWizard = func(_ context.Context, o wizard.Options) error {
				if !c.stdout && o.Out != errb {
					t.Errorf("the wizard draws on %T, not stderr", o.Out)
				}
				return o.Done(wizard.Result{Token: tok, Env: mesh.EnvDemo, TransactionID: "tx-1"})
			}
			if err := Execute(context.Background(), app, c.args); err != nil {
				t.Fatal(err)
			}
			for _, w := range c.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("stdout %q lacks %q", out, w)
				}
			}
			if !c.stdout && c.args == nil && out.String() != "dG9rZW4=\n" {
				t.Errorf("stdout %q, want the token alone", out)
			}
		})
	}
}

func TestTokenDryRunPrintsExactlyTheBody(t *testing.T) {
	app, out, _ := testApp(t)
	err := Execute(context.Background(), app, []string{"token", "--use-case", "deposit", "--user-id", "u1", "--transaction-id", "tx-1",
		"--to", "solana:usdc:7dHbWXmci3dT8UFYWYZweBLXgycu7Y3iL6trKn1Y7ARj:0.00141", "--set", "transferOptions.clientFee=0.025", "--dry-run"})
	if err != nil {
		t.Fatal(err)
	}
	want := mesh.NewRequest(mesh.UseDeposit, "u1")
	want.TransferOptions.TransactionID = "tx-1"
	want.TransferOptions.ClientFee = "0.025"
	want.TransferOptions.ToAddresses = []mesh.ToAddress{{NetworkID: solanaID, Symbol: "USDC", Address: "7dHbWXmci3dT8UFYWYZweBLXgycu7Y3iL6trKn1Y7ARj", Amount: "0.00141"}}
	body, err := mesh.EncodeBody(want)
	if err != nil {
		t.Fatal(err)
	}
	if out.String() != string(body) {
		t.Errorf("stdout:\n%s\nwant:\n%s", out, body)
	}
}

func TestTokenCurl(t *testing.T) {
	cases := []struct {
		name     string
		env      []string
		args     []string
		url      string
		noteSays string
	}{
		{"sandbox_with_credentials", withCreds, nil, mesh.SandboxBaseURL + mesh.PathLinkToken, ""},
		{"demo_points_at_a_demo_server", nil, nil, "http://127.0.0.1:8080" + mesh.PathLinkToken, "meshlink demo-server --addr 127.0.0.1:8080"},
		{"base_url", withCreds, []string{"--base-url", "https://proxy.example.com/"}, "https://proxy.example.com" + mesh.PathLinkToken, ""},
		{"curl_wins_over_dry_run", withCreds, []string{"--dry-run"}, mesh.SandboxBaseURL + mesh.PathLinkToken, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			app, out, errb := testApp(t, c.env...)
			args := append([]string{"token", "--use-case", "withdrawal", "--user-id", "u1", "--curl"}, c.args...)
			if err := Execute(context.Background(), app, args); err != nil {
				t.Fatal(err)
			}
			target := mesh.Target{Env: mesh.EnvCustom, BaseURL: strings.TrimSuffix(strings.TrimSuffix(c.url, mesh.PathLinkToken), "/")}
			if c.env == nil {
				target.Env = mesh.EnvDemo
			}
			want, err := target.CurlCommand(mesh.NewRequest(mesh.UseWithdrawal, "u1"))
			if err != nil {
				t.Fatal(err)
			}
			if out.String() != want {
				t.Errorf("stdout:\n%s\nwant:\n%s", out, want)
			}
			if !strings.Contains(out.String(), "'"+c.url+"'") {
				t.Errorf("curl does not post to %s", c.url)
			}
			if c.noteSays != "" && !strings.Contains(errb.String(), c.noteSays) {
				t.Errorf("stderr lacks %q: %s", c.noteSays, errb)
			}
			for _, s := range []string{testSecret, testClientID} {
				if strings.Contains(out.String()+errb.String(), s) {
					t.Errorf("the output holds the credential %q", s)
				}
			}
		})
	}
}

func TestNetworksJSONIsTheSnapshot(t *testing.T) {
	app, out, errb := testApp(t)
	if err := Execute(context.Background(), app, []string{"networks", "--json"}); err != nil {
		t.Fatal(err)
	}
	var got []mesh.Network
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("stdout is not a JSON list of networks: %v\n%s", err, out)
	}
	if want := mesh.Snapshot().Networks; !reflect.DeepEqual(got, want) {
		t.Errorf("got %d networks, want the snapshot's %d", len(got), len(want))
	}
	if !strings.Contains(errb.String(), "built-in snapshot") {
		t.Errorf("stderr does not say where the list came from: %q", errb)
	}
}

func TestQuietSilencesNotes(t *testing.T) {
	app, out, errb := testApp(t)
	if err := Execute(context.Background(), app, []string{"networks", "--json", "--quiet"}); err != nil {
		t.Fatal(err)
	}
	if out.Len() == 0 || errb.Len() != 0 {
		t.Errorf("stdout %d bytes, stderr %q; want the list and no notes", out.Len(), errb)
	}
}

func TestPathsMasksCredentials(t *testing.T) {
	config, cache := t.TempDir(), t.TempDir()
	cases := []struct {
		name  string
		env   []string
		wants []string
	}{
		{"credentials_set", withCreds, []string{
			"MESH_CLIENT_ID  set\n",
			"MESH_CLIENT_SECRET  set\n", // nothing derived from the secret, not even its length
			"sandbox (credentials set; production only with --env production)",
		}},
		{"no_credentials", nil, []string{"MESH_CLIENT_SECRET  not set\n", "demo (neither MESH_CLIENT_ID nor MESH_CLIENT_SECRET is set)"}},
		{"half_the_credentials", []string{"MESH_CLIENT_ID", testClientID}, []string{"MESH_CLIENT_ID  set\n", "MESH_CLIENT_SECRET  not set\n", "demo (MESH_CLIENT_SECRET is not set)"}},
		{"no_webhook_secret", nil, []string{"MESH_WEBHOOK_SECRET  not set\n"}},
		{"webhook_secret", []string{"MESH_WEBHOOK_SECRET", hookSecret}, []string{"MESH_WEBHOOK_SECRET  set\n"}},
		{"webhook_secret_blank", []string{"MESH_WEBHOOK_SECRET", "  "}, []string{"MESH_WEBHOOK_SECRET  not set\n"}},
		{"webhook_secret_production", []string{"MESH_WEBHOOK_SECRET_PRODUCTION", hookSecret}, []string{"MESH_WEBHOOK_SECRET  not set; MESH_WEBHOOK_SECRET_PRODUCTION set\n"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			app, out, _ := testApp(t)
			app.Getenv = getenvOf(append([]string{"MESHLINK_CONFIG_DIR", config, "MESHLINK_CACHE_DIR", cache}, c.env...)...)
			if err := Execute(context.Background(), app, []string{"paths"}); err != nil {
				t.Fatal(err)
			}
			wants := append([]string{
				config + " (exists); set MESHLINK_CONFIG_DIR to move it",
				filepath.Join(config, "presets") + " (not created yet)",
				cache + " (exists); set MESHLINK_CACHE_DIR to move it",
				"built-in snapshot",
				"not a terminal",
			}, c.wants...)
			columns := regexp.MustCompile(`  +`).ReplaceAllString(out.String(), "  ") // however wide the first column
			for _, w := range wants {
				if !strings.Contains(columns, w) {
					t.Errorf("paths lacks %q:\n%s", w, out)
				}
			}
			for _, s := range []string{testSecret, testClientID, hookSecret} {
				if strings.Contains(out.String(), s) {
					t.Errorf("paths shows the credential %q", s)
				}
			}
		})
	}
}

func TestPresetsListOnAnEmptyDir(t *testing.T) {
	t.Run("table", func(t *testing.T) {
		app, out, errb := testApp(t)
		if err := Execute(context.Background(), app, []string{"presets", "list"}); err != nil {
			t.Fatal(err)
		}
		dir, _ := presets.Dir(app.Getenv)
		if out.Len() != 0 || !strings.Contains(errb.String(), "no presets in "+dir+" yet") {
			t.Errorf("stdout %q, stderr %q; want nothing and a note naming %s", out, errb, dir)
		}
	})
	t.Run("json", func(t *testing.T) {
		app, out, _ := testApp(t)
		if err := Execute(context.Background(), app, []string{"presets", "list", "--json"}); err != nil {
			t.Fatal(err)
		}
		if out.String() != "[]\n" {
			t.Errorf("stdout %q, want an empty JSON list", out)
		}
	})
}

func TestCommandLineMistakesAreUsageErrors(t *testing.T) {
	cases := []struct {
		name string
		args []string
		says string
	}{
		{"unknown_flag", []string{"token", "--colour"}, "Run 'meshlink token --help' for usage."},
		{"bad_timeout", []string{"token", "--timeout", "soon"}, "--timeout"},
		{"stray_argument", []string{"presets", "show"}, "meshlink presets show takes NAME"},
		{"missing_preset", []string{"token", "--preset", "nope"}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			app, out, _ := testApp(t)
			err := Execute(context.Background(), app, c.args)
			if ExitCode(err) != ExitUsage {
				t.Errorf("got %v (exit %d), want exit %d", err, ExitCode(err), ExitUsage)
			}
			if err != nil && !strings.Contains(err.Error(), c.says) {
				t.Errorf("error %q does not say %q", err, c.says)
			}
			if out.Len() != 0 {
				t.Errorf("stdout: %q", out)
			}
		})
	}
}

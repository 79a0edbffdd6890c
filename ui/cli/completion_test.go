package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/mesh/snippet"
	"github.com/meshlink/meshlink/presets"
)

// complete asks meshlink what the shell should offer after args, as the
// completion scripts do, and returns the offers' values.
func complete(t *testing.T, app *App, args ...string) []string {
	t.Helper()
	out := app.Out.(*bytes.Buffer)
	out.Reset()
	if err := Execute(context.Background(), app, append([]string{"__complete"}, args...)); err != nil {
		t.Fatalf("__complete %v: %v", args, err)
	}
	var values []string
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		if strings.HasPrefix(line, ":") || line == "" {
			continue // the directive
		}
		v, _, _ := strings.Cut(line, "\t")
		values = append(values, v)
	}
	return values
}

func has(values []string, want ...string) bool {
	for _, w := range want {
		found := false
		for _, v := range values {
			found = found || v == w
		}
		if !found {
			return false
		}
	}
	return true
}

func TestCompletion(t *testing.T) {
	app, _, _ := testApp(t)
	app.HTTPClient = nil // completion never calls the network
	store, _ := presetStore(app)
	saveTestPreset(t, store, "qa-deposit")
	saveTestPreset(t, store, "team-payment")

	cases := []struct {
		name string
		args []string
		want []string
	}{
		{"environments", []string{"token", "--env", ""}, []string{"demo", "sandbox", "production"}},
		{"environments_anywhere", []string{"networks", "--env", ""}, []string{"sandbox"}},
		{"use_cases", []string{"token", "--use-case", ""}, []string{"deposit", "payment", "onramp", "withdrawal", "verify", "deposit+verify", "payment+verify"}},
		{"presets_for_token", []string{"token", "--preset", ""}, []string{"qa-deposit", "team-payment"}},
		{"presets_for_show", []string{"presets", "show", ""}, []string{"qa-deposit", "team-payment"}},
		{"presets_for_rm", []string{"presets", "rm", ""}, []string{"qa-deposit"}},
		{"networks_to", []string{"token", "--to", ""}, []string{"Solana:", "Ethereum:", "Bitcoin:"}},
		{"networks_to_any_case", []string{"token", "--to", "eth"}, []string{"ethereum:"}},
		{"tokens_on_a_network", []string{"token", "--to", "solana:"}, []string{"solana:USDC:", "solana:SOL:"}},
		{"verify_network", []string{"token", "--verify-network", ""}, []string{"Solana", "Ethereum"}},
		{"integrations", []string{"token", "--integration-id", ""}, []string{"Coinbase", "Binance Connect"}},
		// bash keeps only offers that start with what was typed, case and
		// all, while meshlink reads names in any case
		{"verify_network_any_case", []string{"token", "--verify-network", "sol"}, []string{"solana"}},
		{"integrations_any_case", []string{"token", "--integration-id", "coin"}, []string{"coinbase"}},
		{"snippet_platforms", []string{"snippet", ""}, []string{"web", "react", "nextjs", "react-native", "ios", "android", "flutter", "paylink", "node"}},
		{"token_snippet_platforms", []string{"token", "--snippet", ""}, []string{"web", "node"}},
		{"shells", []string{"completion", ""}, []string{"bash", "zsh", "fish", "powershell"}},
		{"transfer_statuses", []string{"transfers", "--status", ""}, []string{"pending", "succeeded", "failed"}},
		{"transfer_order", []string{"transfers", "--order-by", ""}, []string{"clientTransferId", "createdTimestamp", "amountInFiat"}},
		{"transfers_integrations", []string{"transfers", "--integration-id", "coin"}, []string{"coinbase"}},
		{"demo_server_down", []string{"demo-server", "--down", ""}, []string{"Coinbase", "MetaMask"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := complete(t, app, c.args...); !has(got, c.want...) {
				t.Errorf("offers %v, want %v among them", got, c.want)
			}
		})
	}
	if got := complete(t, app, "presets", "show", "qa-deposit", ""); len(got) != 0 {
		t.Errorf("a second preset name offered: %v", got)
	}
	if got := complete(t, app, "token", "--integration-id", "bin"); !has(got, "binance", "binance Connect") || has(got, "Coinbase") {
		t.Errorf("--integration-id bin offers %v, want only the names that start so, as typed", got)
	}
	if got := complete(t, app, "snippet", ""); len(got) != len(snippet.Platforms) {
		t.Errorf("snippet offers %v", got)
	}
}

func TestCompletionOfHistoryEntries(t *testing.T) {
	app, _, _ := demoApp(t)
	run(t, app, "token", "--use-case", "withdrawal", "--user-id", "u1")
	run(t, app, "token", "--use-case", "verify", "--user-id", "u1", "--verify-network", "solana", "--verify-message", "hi")
	var out bytes.Buffer
	app.Out = &out
	if got := complete(t, app, "report", ""); !has(got, "1", "2") || len(got) != 2 {
		t.Errorf("report offers %v", got)
	}
	if !strings.Contains(out.String(), "demo verify, ok") {
		t.Errorf("no description of entry 1: %s", out.String())
	}
}

func TestCompletionScripts(t *testing.T) {
	for shell, want := range map[string]string{"bash": "# bash completion V2 for meshlink", "zsh": "#compdef meshlink", "fish": "complete -c meshlink", "powershell": "Register-ArgumentCompleter"} {
		app, out, _ := testApp(t)
		if err := Execute(context.Background(), app, []string{"completion", shell}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), want) || !strings.Contains(out.String(), "__complete") {
			t.Errorf("%s script lacks %q or the __complete call", shell, want)
		}
	}
	// cobra's fish script evaluates the words it read unescaped; meshlink's
	// escapes them first (the end-to-end test shows why).
	app, out, _ := testApp(t)
	if err := Execute(context.Background(), app, []string{"completion", "fish"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), fishArgs+"; set args (string escape -- $args)") {
		t.Errorf("the fish script does not escape the words it evaluates (has cobra's script changed?):\n%s", out)
	}
	app, _, _ = testApp(t)
	wantUsage(t, Execute(context.Background(), app, []string{"completion", "tcsh"}), "bash, zsh, fish or powershell")
	wantUsage(t, Execute(context.Background(), app, []string{"completion"}), "name one shell")
}

func saveTestPreset(t *testing.T, store presets.Store, name string) {
	t.Helper()
	p := presets.FromRequest(name, mesh.UseWithdrawal, mesh.EnvDemo, mesh.NewRequest(mesh.UseWithdrawal, "u1"))
	if err := store.Save(p, false); err != nil {
		t.Fatal(err)
	}
}

// A name a shell reads as code is never offered, whether it is a preset's
// (a file from elsewhere, or from an older meshlink) or a catalog's (a cache
// a hostile server filled): cobra's scripts evaluate the line they
// complete, so it would run on a later tab.
func TestCompletionLeavesOutNamesAShellWouldRun(t *testing.T) {
	app, _, _ := testApp(t, withCreds...) // sandbox: its catalog cache is read
	store, _ := presetStore(app)
	saveTestPreset(t, store, "qa-safe")
	hostile := []string{"qa`touch${IFS}x`1", "qa$(touch x)", "qa(touch x)", "qa;touch x", "qa|x", "qa&x", "qa'x", "qa^x"}
	p := presets.FromRequest("qa-safe", mesh.UseWithdrawal, mesh.EnvDemo, mesh.NewRequest(mesh.UseWithdrawal, "u1"))
	for _, name := range hostile {
		if strings.ContainsAny(name, `|"`) {
			continue // Windows' rule keeps these out of file names already
		}
		p.Name = name
		b, err := presets.Encode(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(store.Dir, name+".json"), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	dir := mesh.CatalogDir(app.Getenv("MESHLINK_CACHE_DIR"), mesh.EnvSandbox, "")
	var nets []mesh.Network
	var ints []mesh.Integration
	for i, name := range append(hostile, "Safe Net") {
		nets = append(nets, mesh.Network{ID: fmt.Sprintf("00000000-0000-4000-8000-%012d", i), Name: name, SupportedTokens: []string{"USDC", "x$(touch y)"}})
		ints = append(ints, mesh.Integration{ID: fmt.Sprintf("10000000-0000-4000-8000-%012d", i), Name: name, Type: "wallet"})
	}
	nets = append(nets, mesh.Network{ID: "20000000-0000-4000-8000-000000000000", Name: "safe", SupportedTokens: []string{"USDC", "`id`", "$(id)"}})
	if err := mesh.SaveNetworks(dir, "sandbox", nets, fixedNow); err != nil {
		t.Fatal(err)
	}
	if err := mesh.SaveIntegrations(dir, "sandbox", ints, fixedNow); err != nil {
		t.Fatal(err)
	}

	for _, c := range []struct {
		args []string
		want string // a safe value that must still be offered
	}{
		{[]string{"token", "--preset", ""}, "qa-safe"},
		{[]string{"token", "--preset", "qa"}, "qa-safe"},
		{[]string{"presets", "show", ""}, "qa-safe"},
		{[]string{"presets", "rm", ""}, "qa-safe"},
		{[]string{"presets", "rename", ""}, "qa-safe"},
		{[]string{"token", "--verify-network", ""}, "Safe Net"},
		{[]string{"token", "--verify-network", "qa"}, ""},
		{[]string{"token", "--integration-id", ""}, "Safe Net"},
		{[]string{"token", "--to", ""}, "safe:"},
		{[]string{"token", "--to", "qa"}, ""},
		{[]string{"token", "--to", "safe:"}, "safe:USDC:"},
		{[]string{"token", "--to", "Safe Net:"}, ""},
	} {
		got := complete(t, app, c.args...)
		if c.want != "" && !has(got, c.want) {
			t.Errorf("%v offers %q, want %q among them", c.args, got, c.want)
		}
		for _, v := range got {
			if strings.ContainsAny(v, presets.ShellSpecial) {
				t.Errorf("%v offers %q, which a shell reads as code", c.args, v)
			}
		}
	}
	// Such a preset still works when named.
	if _, err := store.Load("qa`touch${IFS}x`1"); err != nil {
		t.Errorf("the existing preset no longer loads: %v", err)
	}
}

// FuzzCompletable checks the completion filter against its definition, read
// character by character: it lets through exactly the printable text with no
// character a shell reads as code.
func FuzzCompletable(f *testing.F) {
	for _, s := range []string{"qa-payment", "Binance Connect", "dépôt", "qa`touch${IFS}x`1", "qa(touch x)", "a\tb", "a\nb", "\xff", "x\u202ey", "a\u00a0b", "50%", "#1", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := utf8.ValidString(s)
		for _, r := range s {
			switch r {
			case '`', '$', '(', ')', ';', '&', '|', '<', '>', '^', '\'', '"', '\\':
				want = false
			}
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u00a0' || r >= '\u200b' && r <= '\u200f' || r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069' || r == '\u061c' || r == '\ufeff' {
				want = false
			}
			if !unicode.IsPrint(r) {
				want = false
			}
		}
		if got := completable(s); got != want {
			t.Errorf("completable(%q) = %v, want %v", s, got, want)
		}
		// What is offered reaches the shell as a line of its own: value,
		// tab, description, never another line or a control character.
		if got := offer(nil, s, "desc\n\x1b[31m"); len(got) > 0 && (strings.Count(got[0], "\t") != 1 || strings.ContainsAny(got[0], "\n\r\x1b")) {
			t.Errorf("offer(%q) = %q", s, got[0])
		}
	})
}

package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"

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
	app, _, _ := testApp(t)
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

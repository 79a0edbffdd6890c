package cli

import (
	"context"
	"strings"
	"testing"
)

func TestStrayArgumentsAreUsageErrors(t *testing.T) {
	cases := []struct {
		args  []string
		wants []string
	}{
		{[]string{"tokn"}, []string{`unknown command "tokn" for "meshlink"`, "Did you mean this?\n\ttoken", "meshlink --help"}},
		{[]string{"presets", "lst"}, []string{`unknown command "lst" for "meshlink presets"`, "Did you mean this?\n\tlist"}},
		{[]string{"xyz"}, []string{`unknown command "xyz"`}},
		{[]string{"token", "extra"}, []string{`unexpected argument "extra"`, "meshlink token --help"}},
		{[]string{"paths", "x"}, []string{`unexpected argument "x"`}},
		{[]string{"networks", "--json", "foo"}, []string{`unexpected argument "foo"`}},
		{[]string{"presets", "show", "a", "b"}, []string{"takes NAME"}},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, "_"), func(t *testing.T) {
			app, out, _ := testApp(t)
			err := Execute(context.Background(), app, c.args)
			wantUsage(t, err, c.wants...)
			if ExitCode(err) != ExitUsage {
				t.Errorf("exit %d, want %d", ExitCode(err), ExitUsage)
			}
			if out.Len() != 0 {
				t.Errorf("stdout: %q", out)
			}
		})
	}
}

func TestMistypedValuesGetDidYouMean(t *testing.T) {
	sol := "7dHbWXmci3dT8UFYWYZweBLXgycu7Y3iL6trKn1Y7ARj"
	cases := []struct {
		name  string
		args  []string
		wants []string
	}{
		{"use_case", []string{"token", "--use-case", "depost", "--user-id", "u1", "--dry-run"}, []string{"did you mean deposit?"}},
		{"network", []string{"token", "--use-case", "deposit", "--user-id", "u1", "--to", "solna:USDC:" + sol, "--dry-run"}, []string{`did you mean "Solana"?`}},
		{"network_misspelt", []string{"token", "--use-case", "deposit", "--user-id", "u1", "--to", "Etherium:USDC:0x71C7656EC7ab88b098defB751B7401B5f6d8976F", "--dry-run"}, []string{`did you mean "Ethereum"?`}},
		{"integration", []string{"token", "--use-case", "onramp", "--user-id", "u1", "--integration-id", "Binanse Connect", "--to", "solana:USDC:" + sol, "--dry-run"}, []string{`did you mean "Binance Connect"?`}},
		{"preset", []string{"token", "--preset", "qa-paymnt", "--dry-run"}, []string{"did you mean qa-payment?"}},
		{"preset_rm", []string{"presets", "rm", "qa-paymen"}, []string{"did you mean qa-payment?"}},
		{"flag", []string{"token", "--usecase", "deposit"}, []string{"unknown flag: --usecase (did you mean --use-case?)"}},
		{"inherited_flag", []string{"token", "--bse-url", "http://127.0.0.1:1"}, []string{"did you mean --base-url?"}},
		{"timeout_unit", []string{"token", "--timeout", "30", "--use-case", "withdrawal", "--user-id", "u1"}, []string{"--timeout 30: add a unit: 30s"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			app, out, _ := testApp(t)
			if err := Execute(context.Background(), app, []string{"token", "--use-case", "withdrawal", "--user-id", "u1", "--dry-run", "--save-preset", "qa-payment"}); err != nil {
				t.Fatal(err)
			}
			out.Reset()
			err := Execute(context.Background(), app, c.args)
			if ExitCode(err) != ExitUsage {
				t.Errorf("exit %d, want %d", ExitCode(err), ExitUsage)
			}
			for _, w := range c.wants {
				if err == nil || !strings.Contains(err.Error(), w) {
					t.Errorf("error %v does not say %q", err, w)
				}
			}
			if out.Len() != 0 {
				t.Errorf("stdout: %q", out)
			}
		})
	}
	app, _, _ := testApp(t)
	err := Execute(context.Background(), app, []string{"token", "--use-case", "xyzzy", "--user-id", "u1", "--dry-run"})
	if err == nil || strings.Contains(err.Error(), "did you mean") {
		t.Errorf("a use case far from every name: %v, want no guess", err)
	}
}

func TestPresetCommandsSayWhatTheyDid(t *testing.T) {
	app, out, errb := testApp(t)
	steps := []struct {
		args []string
		says string
	}{
		{[]string{"token", "--use-case", "withdrawal", "--user-id", "u1", "--dry-run", "--save-preset", "a"}, `as preset "a"`},
		{[]string{"presets", "rename", "a", "b"}, `renamed preset "a" to "b"`},
		{[]string{"presets", "rm", "b"}, `deleted preset "b"`},
	}
	for _, s := range steps {
		out.Reset()
		errb.Reset()
		if err := Execute(context.Background(), app, s.args); err != nil {
			t.Fatalf("%v: %v", s.args, err)
		}
		if !strings.Contains(errb.String(), s.says) {
			t.Errorf("%v: stderr %q, want %q", s.args, errb, s.says)
		}
	}
}

func TestNearSymbolIsRefusedUnlessAllowed(t *testing.T) {
	to := "solana:USDD:7dHbWXmci3dT8UFYWYZweBLXgycu7Y3iL6trKn1Y7ARj"
	app, out, _ := testApp(t)
	err := Execute(context.Background(), app, []string{"token", "--use-case", "deposit", "--user-id", "u1", "--to", to, "--dry-run"})
	if ExitCode(err) != ExitUsage || err == nil || !strings.Contains(err.Error(), "did you mean USDC?") || !strings.Contains(err.Error(), "--allow-unknown-symbol") {
		t.Errorf("exit %d, %v: want 2 with 'did you mean USDC?' and --allow-unknown-symbol", ExitCode(err), err)
	}
	if out.Len() != 0 {
		t.Errorf("stdout: %q", out)
	}
	app, out, errb := testApp(t)
	if err := Execute(context.Background(), app, []string{"token", "--use-case", "deposit", "--user-id", "u1", "--to", to, "--dry-run", "--allow-unknown-symbol"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"symbol": "USDD"`) || !strings.Contains(errb.String(), "warning:") {
		t.Errorf("--allow-unknown-symbol: stdout %q, stderr %q; want the body as written and a warning", out, errb)
	}
}

func TestFlagsThatMeanNothingAreRefused(t *testing.T) {
	for _, args := range [][]string{
		{"paths", "--timeout", "5s"},
		{"presets", "rm", "x", "--env", "sandbox"},
		{"presets", "export", "x", "--base-url", "https://proxy.example.com"},
		{"snippet", "web", "--timeout", "5s"},
		{"completion", "bash", "--env", "demo"},
		{"demo-server", "--base-url", "http://127.0.0.1:1"},
		{"version", "--env", "demo"},
	} {
		t.Run(strings.Join(args, "_"), func(t *testing.T) {
			app, out, _ := testApp(t)
			err := Execute(context.Background(), app, args)
			wantUsage(t, err, "means nothing to 'meshlink ", "leave it out")
			if ExitCode(err) != ExitUsage || out.Len() != 0 {
				t.Errorf("exit %d, stdout %q; want 2 and nothing", ExitCode(err), out)
			}
		})
	}
	// Where they mean something they are taken, and -q means something everywhere.
	for _, args := range [][]string{
		{"snippet", "node", "--env", "production"},
		{"paths", "--env", "demo", "-q"},
		{"presets", "list", "--base-url", "https://proxy.example.com", "-q"},
		{"token", "--use-case", "withdrawal", "--user-id", "u1", "--dry-run", "--timeout", "5s", "--env", "sandbox"},
	} {
		app, _, errb := testApp(t)
		if err := Execute(context.Background(), app, args); err != nil {
			t.Errorf("%v: %v\n%s", args, err, errb)
		}
	}
}

// A command's help and refusal say which target flags it takes: help does
// not offer one the command refuses, and a command that takes --env and
// --base-url is not told it takes "no environment".
func TestHelpOffersOnlyTheTargetFlagsACommandTakes(t *testing.T) {
	for _, c := range []struct {
		args       []string
		want, none []string
	}{
		{[]string{"presets", "rm", "--help"}, []string{"--quiet"}, []string{"--env", "--base-url", "--timeout"}},
		{[]string{"help", "paths"}, []string{"--env", "--base-url"}, []string{"--timeout"}},
		{[]string{"token", "--help"}, []string{"--env", "--base-url", "--timeout"}, nil},
		{[]string{"presets", "rm", "--help"}, nil, nil}, // the flags hidden for one help are back for the next
		{[]string{"status", "--help"}, []string{"--env", "--base-url", "--timeout"}, nil},
	} {
		app, out, _ := testApp(t)
		if err := Execute(context.Background(), app, c.args); err != nil {
			t.Fatalf("%v: %v", c.args, err)
		}
		for _, f := range c.want {
			if !strings.Contains(out.String(), f+" ") {
				t.Errorf("%v lacks %s:\n%s", c.args, f, out)
			}
		}
		for _, f := range c.none {
			if strings.Contains(out.String(), f+" ") {
				t.Errorf("%v offers %s, which the command refuses:\n%s", c.args, f, out)
			}
		}
	}
	app, _, _ := testApp(t)
	err := Execute(context.Background(), app, []string{"presets", "list", "--timeout", "5s"})
	wantUsage(t, err, "--timeout means nothing to 'meshlink presets list': it takes only --env and --base-url")
}

func TestEveryCommandThatTakesTargetFlagsExists(t *testing.T) {
	app, _, _ := testApp(t)
	root := newRootCmd(app)
	for path := range usesTargetFlags {
		words := strings.Fields(path)[1:]
		cmd, rest, err := root.Find(words)
		if err != nil || len(rest) > 0 || cmd.CommandPath() != path {
			t.Errorf("usesTargetFlags names %q, which is no command", path)
		}
	}
}

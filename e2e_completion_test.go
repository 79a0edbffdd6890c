package main

// End-to-end tests of shell completion: real bash, fish and zsh, with
// cobra's completion scripts as `meshlink completion SHELL` prints them,
// driven key by key in tmux as a person at a prompt would.

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// hostilePreset writes a valid preset file under name, as a teammate's
// repository or an older meshlink could leave it: `presets save` refuses such
// names now, but a file that is there still loads.
func hostilePreset(t *testing.T, configDir, name string) {
	t.Helper()
	dir := filepath.Join(configDir, "presets")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	body := `{"version":1,"name":` + jsonString(name) + `,"useCase":"withdrawal","environment":"demo",` +
		`"request":{"userId":"u1","restrictMultipleAccounts":true},"created":"2026-11-25T09:30:00Z","updated":"2026-11-25T09:30:00Z"}` + "\n"
	if err := os.WriteFile(filepath.Join(dir, name+".json"), []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// bashCompletion is the bash-completion package's main script, which cobra's
// bash script needs.
func bashCompletion(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"/usr/share/bash-completion/bash_completion", "/etc/bash_completion", "/opt/homebrew/etc/profile.d/bash_completion.sh", "/usr/local/etc/profile.d/bash_completion.sh"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	const install = "apt-get install bash-completion"
	if os.Getenv("CI") == "true" {
		t.Fatalf("bash-completion is not installed, and CI must run this test: %s", install)
	}
	t.Skipf("skipped: bash-completion is not installed (%s)", install)
	return ""
}

// A preset name that a shell would read as a command (a backquote, $(…),
// fish's (…)) is never put on the command line by completion, in any shell:
// tab after tab, the command it names never runs. The marker file x is what
// the names' `touch x` would make.
func TestCompletionNeverRunsAPresetName(t *testing.T) {
	t.Parallel()
	shells := []struct {
		name    string
		presets []string
		// quoted is one of presets as a user would type it, quoted so that
		// pressing enter runs nothing: a tab after it must not run it either.
		quoted string
		// start writes the shell's start-up file, which loads meshlink's
		// completion and moves to work, and returns the command line.
		start func(t *testing.T, e *wizardEnv, work string) []string
	}{
		{
			// Two names, so bash inserts their common prefix unquoted; the
			// next tab hands the line to cobra's eval.
			name:    "bash",
			presets: []string{"qa`touch${IFS}x`1", "qa`touch${IFS}x`2"},
			quoted:  "'qa`touch${IFS}x`1'",
			start: func(t *testing.T, e *wizardEnv, work string) []string {
				bash := needTool(t, "bash", "apt-get install bash")
				rc := filepath.Join(e.home, ".bashrc")
				writeFile(t, rc, "PS1='meshlink-test> '\nsource "+bashCompletion(t)+"\nsource <(meshlink completion bash)\ncd "+work+"\n")
				return []string{bash, "--noprofile", "--rcfile", rc, "-i"}
			},
		},
		{
			// The same without the bash-completion package: meshlink's own
			// reading of the words stands in for it.
			name:    "bash-alone",
			presets: []string{"qa`touch${IFS}x`1", "qa`touch${IFS}x`2"},
			quoted:  "'qa`touch${IFS}x`1'",
			start: func(t *testing.T, e *wizardEnv, work string) []string {
				bash := needTool(t, "bash", "apt-get install bash")
				rc := filepath.Join(e.home, ".bashrc")
				writeFile(t, rc, "PS1='meshlink-test> '\nsource <(meshlink completion bash)\ncd "+work+"\n")
				return []string{bash, "--noprofile", "--rcfile", rc, "-i"}
			},
		},
		{
			// fish escapes the name it inserts, and cobra's script evaluates
			// it unescaped on the next tab.
			name:    "fish",
			presets: []string{"qa(touch x)"},
			quoted:  "'qa(touch x)'",
			start: func(t *testing.T, e *wizardEnv, work string) []string {
				fish := needTool(t, "fish", "apt-get install fish")
				conf := filepath.Join(e.home, ".config", "fish")
				// fish's first start runs fish_update_completions in the
				// background, which writes into HOME after the shell exits
				// (the test's folders could not be removed): a folder of
				// generated completions already there tells it not to.
				if err := os.MkdirAll(filepath.Join(e.home, ".local", "share", "fish", "generated_completions"), 0o700); err != nil {
					t.Fatal(err)
				}
				writeFile(t, filepath.Join(conf, "config.fish"), "set -g fish_greeting\nfunction fish_prompt; echo -n 'meshlink-test> '; end\nmeshlink completion fish | source\ncd "+work+"\n")
				return []string{fish, "--private", "-i"}
			},
		},
		{
			name:    "zsh",
			presets: []string{"qa`touch${IFS}x`1", "qa`touch${IFS}x`2", "qa$(touch x)3"},
			quoted:  "'qa$(touch x)3'",
			start: func(t *testing.T, e *wizardEnv, work string) []string {
				zsh := needTool(t, "zsh", "apt-get install zsh")
				writeFile(t, filepath.Join(e.home, ".zshrc"), "PS1='meshlink-test> '\nautoload -U compinit; compinit -u\nsource <(meshlink completion zsh)\ncd "+work+"\n")
				return []string{zsh, "-i"}
			},
		},
	}
	for _, sh := range shells {
		t.Run(sh.name, func(t *testing.T) {
			work := t.TempDir()
			e := newWizardEnv(t, "PATH="+filepath.Dir(binary)+string(os.PathListSeparator)+os.Getenv("PATH"), "MESHLINK_STATE_DIR="+t.TempDir())
			argv := sh.start(t, e, work)
			e.vars = append(e.vars, "XDG_CONFIG_HOME="+filepath.Join(e.home, ".config"), "XDG_DATA_HOME="+filepath.Join(e.home, ".local", "share"), "ZDOTDIR="+e.home)
			for _, name := range sh.presets {
				hostilePreset(t, e.config, name)
			}
			hostilePreset(t, e.config, "demo-safe")

			w := startPane(t, e, argv...)
			w.waitFor("meshlink-test>")
			// tabs typed, then an echo: the shell takes keys in order and
			// completes before it reads the next, so once the echo has run,
			// every tab has been handled.
			tabs := func(round, line string) {
				w.typ(line)
				w.keys("Tab", "Tab", "Tab", "C-u")
				w.typ("echo round" + `""` + "-" + round)
				w.keys("Enter")
				w.waitFor("round-" + round)
				if _, err := os.Stat(filepath.Join(work, "x")); err == nil {
					t.Fatalf("completion of %q ran the command in a preset's name:\n%s", line, w.capture())
				}
			}
			tabs("1", "meshlink token --preset qa")
			tabs("2", "meshlink token --preset "+sh.quoted+" ")
			// Completion still works for a name no shell reads as a command.
			w.typ("meshlink token --preset demo-s")
			w.keys("Tab")
			w.waitFor("--preset demo-safe")
			// The shell ends here, not when the test's folders are removed:
			// it writes its history on the way out.
			w.keys("C-u")
			w.typ("exit")
			w.keys("Enter")
			w.waitExit()
		})
	}
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

// A new preset name that a shell reads as code is refused with the reason;
// a preset already there under one still works by name, and its catalog
// counterparts (a network or integration name from a cache) are never
// offered.
func TestPresetNamesAShellWouldRun(t *testing.T) {
	t.Parallel()
	s := newStateEnv(t)
	body := filepath.Join(t.TempDir(), "body.json")
	writeFile(t, body, `{"userId":"u1","restrictMultipleAccounts":true}`)
	r := meshlink(t, s.vars(), "", "presets", "save", "qa$(touch x)", "--body", body, "--use-case", "withdrawal")
	if r.code != 2 || !strings.Contains(r.stderr, "shell") || !strings.Contains(r.stderr, "$") {
		t.Errorf("presets save qa$(touch x): exit %d\n%s", r.code, r.stderr)
	}
	r = meshlink(t, s.vars(), "", "token", "--use-case", "withdrawal", "--user-id", "u1", "--save-preset", "qa`id`")
	if r.code != 2 || !strings.Contains(r.stderr, "shell") || r.stdout != "" {
		t.Errorf("token --save-preset qa`id`: exit %d, stdout %q\n%s", r.code, r.stdout, r.stderr)
	}

	const old = "qa`touch${IFS}x`1"
	hostilePreset(t, s.config, old)
	for _, args := range [][]string{
		{"token", "--preset", old, "--dry-run"},
		{"presets", "show", old},
		{"presets", "list"},
	} {
		if r := meshlink(t, s.vars(), "", args...); r.code != 0 || !strings.Contains(r.stdout, "u1") && args[1] != "list" {
			t.Errorf("%v: exit %d\n%s%s", args, r.code, r.stdout, r.stderr)
		}
	}
	if r := meshlink(t, s.vars(), "", "presets", "rename", old, "qa(x)"); r.code != 2 || !strings.Contains(r.stderr, "shell") {
		t.Errorf("rename to another such name: exit %d\n%s", r.code, r.stderr)
	}
	if r := meshlink(t, s.vars(), "", "presets", "rename", old, "qa-1"); r.code != 0 {
		t.Errorf("rename to a plain name: exit %d\n%s", r.code, r.stderr)
	}
	hostilePreset(t, s.config, old)
	if r := meshlink(t, s.vars(), "", "presets", "rm", old); r.code != 0 {
		t.Errorf("rm: exit %d\n%s", r.code, r.stderr)
	}

	dir := filepath.Join(s.cache, "catalogs", "sandbox")
	writeFile(t, filepath.Join(dir, "networks.json"), `{"fetchedAt":"2026-11-25T09:30:00Z","host":"x","items":[`+
		`{"id":"00000000-0000-4000-8000-000000000001","name":"net$(touch x)","supportedTokens":["USDC"]},`+
		`{"id":"00000000-0000-4000-8000-000000000002","name":"plain","supportedTokens":["USDC","u(touch x)"]}]}`)
	writeFile(t, filepath.Join(dir, "integrations.json"), `{"fetchedAt":"2026-11-25T09:30:00Z","host":"x","items":[`+
		`{"id":"00000000-0000-4000-8000-000000000003","name":"Wallet`+"`id`"+`"},{"id":"00000000-0000-4000-8000-000000000004","name":"Plain Wallet"}]}`)
	for _, c := range [][]string{
		{"plain:", "__complete", "token", "--to", ""},
		{"plain:USDC:", "__complete", "token", "--to", "plain:"},
		{"plain", "__complete", "token", "--verify-network", ""},
		{"Plain Wallet", "__complete", "token", "--integration-id", ""},
		{"qa-1", "__complete", "token", "--preset", ""},
	} {
		r := meshlink(t, s.vars(withCreds...), "", c[1:]...)
		var values []string // the part a shell inserts; a description is only shown
		for _, line := range strings.Split(r.stdout, "\n") {
			v, _, _ := strings.Cut(line, "\t")
			values = append(values, v)
		}
		if got := strings.Join(values, "\n"); r.code != 0 || !strings.Contains(got, c[0]) || strings.ContainsAny(got, "`$(") {
			t.Errorf("%v: exit %d, offers:\n%s", c[1:], r.code, r.stdout)
		}
	}
}

// Bash completes meshlink without the bash-completion package: commands,
// flags, values, NETWORK:SYMBOL across the colon, and no "command not found".
func TestBashCompletionWithoutTheBashCompletionPackage(t *testing.T) {
	t.Parallel()
	bash := needTool(t, "bash", "apt-get install bash")
	work := t.TempDir()
	e := newWizardEnv(t, "PATH="+filepath.Dir(binary)+string(os.PathListSeparator)+os.Getenv("PATH"), "MESHLINK_STATE_DIR="+t.TempDir())
	rc := filepath.Join(e.home, ".bashrc")
	writeFile(t, rc, "PS1='meshlink-test> '\nsource <(meshlink completion bash)\ncd "+work+"\n")
	w := startPane(t, e, bash, "--noprofile", "--rcfile", rc, "-i")
	w.waitFor("meshlink-test>")
	for _, step := range []struct{ typed, want string }{
		{"meshlink tok", "> meshlink token"},
		{"--use-c", "> meshlink token --use-case"},
		{"depo", "> meshlink token --use-case deposit"},
		{" --to sola", "deposit --to solana"}, // solana: and solanaDevnet:
		{":US", "--to solana:USD"},            // USDC, USDG, USDT: their common start
		{"C", "--to solana:USDC:"},
	} {
		w.typ(step.typed)
		w.keys("Tab")
		screen := w.waitFor(step.want)
		if strings.Contains(screen, "not found") || strings.Contains(screen, "command") && strings.Contains(screen, "_get_comp") {
			t.Fatalf("completion complained:\n%s", screen)
		}
	}
}

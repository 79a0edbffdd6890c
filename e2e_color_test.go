//go:build !windows

package main

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// onColourTerminal runs meshlink with stdout and stderr on a terminal, env
// added to a TERM that shows colour, and returns what reached the terminal.
func onColourTerminal(t *testing.T, env []string, args ...string) (terminal string, code int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "TERM=xterm-256color"}, env...)
	terminal, err := onTerminal(t, cmd, func(tty *os.File) { cmd.Stdout, cmd.Stderr = tty, tty })
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("meshlink %v: %v", args, err)
	}
	return strings.ReplaceAll(terminal, "\r\n", "\n"), code
}

// Colour on a terminal, as gh shows it: the history's headers and results,
// an error's "meshlink:"; none with NO_COLOR, none in a pipe.
func TestColourOnlyOnATerminal(t *testing.T) {
	t.Parallel()
	dirs := []string{"MESHLINK_CONFIG_DIR=" + t.TempDir(), "MESHLINK_CACHE_DIR=" + t.TempDir(), "MESHLINK_STATE_DIR=" + t.TempDir()}
	if r := meshlink(t, dirs, "", "token", "--env", "demo", "--use-case", "withdrawal", "--user-id", "u1", "-q"); r.code != 0 {
		t.Fatalf("token: exit %d\n%s", r.code, r.stderr)
	}
	const (
		bold   = "\x1b[1mRESULT\x1b[m"
		faint  = "\x1b[2min-process demo ended\x1b[m"
		red    = "\x1b[31mmeshlink:\x1b[m -n -1: give a count"
		plain  = "RESULT"
		result = "in-process demo ended"
	)
	terminal, code := onColourTerminal(t, dirs, "history")
	if code != 0 || !strings.Contains(terminal, bold) || !strings.Contains(terminal, faint) {
		t.Errorf("history on a terminal: exit %d, want %q and %q in\n%q", code, bold, faint, terminal)
	}
	terminal, code = onColourTerminal(t, dirs, "history", "-n", "-1")
	if code != 2 || !strings.Contains(terminal, red) {
		t.Errorf("an error on a terminal: exit %d, want %q in\n%q", code, red, terminal)
	}

	for _, noColor := range []string{"NO_COLOR=1", "NO_COLOR=no", "TERM=dumb"} {
		terminal, _ = onColourTerminal(t, append(dirs, noColor), "history")
		errTerminal, _ := onColourTerminal(t, append(dirs, noColor), "history", "-n", "-1")
		if strings.Contains(terminal+errTerminal, "\x1b") || !strings.Contains(terminal, result) || !strings.Contains(errTerminal, "meshlink: -n -1") {
			t.Errorf("%s: escapes or words missing in\n%q\n%q", noColor, terminal, errTerminal)
		}
	}

	piped := meshlink(t, dirs, "", "history")
	failed := meshlink(t, dirs, "", "history", "-n", "-1")
	if strings.Contains(piped.stdout+piped.stderr+failed.stderr, "\x1b") || !strings.Contains(piped.stdout, plain) || !strings.HasPrefix(failed.stderr, "meshlink: -n -1") {
		t.Errorf("piped: escapes or words missing in\n%q\n%q", piped.stdout, failed.stderr)
	}
}

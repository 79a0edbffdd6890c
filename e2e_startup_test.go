//go:build !windows

package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
)

// onSilentTerminal runs meshlink with its stdin and stdout on a terminal that
// never answers a query (as under script(1), some CI runners and serial
// consoles), the terminal being its controlling one and meshlink in its
// foreground, as in a shell. It returns what reached the terminal and stderr.
func onSilentTerminal(t *testing.T, args ...string) (terminal, stderr string) {
	t.Helper()
	// Generous: only a hang fails here; the bytes below say whether it waited.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	// No CI and a TERM that termenv would query: the environment in which
	// the bug shows.
	cmd.Env = []string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "TERM=xterm-256color",
		"MESHLINK_CONFIG_DIR=" + t.TempDir(), "MESHLINK_CACHE_DIR=" + t.TempDir(), "MESHLINK_STATE_DIR=" + t.TempDir(),
	}
	var errb bytes.Buffer
	terminal, err := onTerminal(t, cmd, func(tty *os.File) { cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, &errb })
	if err != nil {
		t.Fatalf("meshlink %v: %v\n%s", args, err, errb.String())
	}
	return terminal, errb.String()
}

// onTerminal runs cmd with the streams that attach puts on a terminal, the
// terminal being its controlling one and cmd in its foreground, as in a
// shell. It returns what reached the terminal, \r\n as written, and how cmd
// ended.
func onTerminal(t *testing.T, cmd *exec.Cmd, attach func(tty *os.File)) (string, error) {
	t.Helper()
	ptm, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	defer ptm.Close()
	attach(tty)
	ctty := 0
	for i, f := range []any{cmd.Stdin, cmd.Stdout, cmd.Stderr} {
		if f == tty {
			ctty = i
			break
		}
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: ctty}
	if err := cmd.Start(); err != nil {
		tty.Close()
		t.Fatal(err)
	}
	tty.Close()
	read := make(chan []byte)
	go func() {
		b, _ := io.ReadAll(ptm) // ends with EIO once the terminal's last user exits
		read <- b
	}()
	err = cmd.Wait()
	return string(<-read), err
}

func TestNoTerminalQueryOutsideTheWizard(t *testing.T) {
	t.Parallel()
	dryRun := []string{"token", "--use-case", "deposit", "--user-id", "u1", "--to", "solana:USDC:7dHbWXmci3dT8UFYWYZweBLXgycu7Y3iL6trKn1Y7ARj", "--dry-run"}
	want := meshlink(t, nil, "", dryRun...)
	if want.code != 0 || !strings.HasPrefix(want.stdout, "{") {
		t.Fatalf("dry run in a pipe: exit %d\n%s%s", want.code, want.stdout, want.stderr)
	}
	terminal, stderr := onSilentTerminal(t, dryRun...)
	// The terminal turns each \n into \r\n; nothing else may differ.
	if got := strings.ReplaceAll(terminal, "\r\n", "\n"); got != want.stdout {
		t.Errorf("the terminal got %q,\nwant exactly the body %q", terminal, want.stdout)
	}
	if strings.Contains(stderr, "\x1b") {
		t.Errorf("stderr holds escape bytes: %q", stderr)
	}

	terminal, _ = onSilentTerminal(t, "--version")
	if !strings.HasPrefix(terminal, "meshlink ") || strings.Contains(terminal, "\x1b") {
		t.Errorf("--version on a terminal printed %q", terminal)
	}
}

package wizard

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/meshlink/meshlink/ui/clip"
)

// A copy that cannot arrive (no clipboard tool, and a tmux that drops
// OSC 52) says so, with the fix, and where the token is instead: whole at
// 80 and at 60 columns, with one level of parentheses.
func TestCopyThatCannotArriveSaysWhy(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		h := newHarness(t)
		h.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		toResult(h)
		h.copyAs(clip.None, clip.ErrTmuxDrops)
		h.press("c")
		v := h.view()
		checkFrame(t, v, size[0], size[1])
		status := strings.Join(h.m.statusLines(), " ")
		for _, want := range []string{"could not copy the token", "`set -g set-clipboard on`", "l prints it to select", "q prints it on quit"} {
			if !strings.Contains(status, want) {
				t.Errorf("%dx%d: the status lacks %q:\n%s", size[0], size[1], want, v)
			}
		}
		if strings.Contains(status, "…") || strings.Contains(status, "((") || strings.Count(status, "(") > 1 {
			t.Errorf("%dx%d: status %q", size[0], size[1], status)
		}
	}
}

// l on the result screen gives the terminal up to print the token and its
// links, each on one line of its own (Bubble Tea's Exec).
func TestResultPrintsTheTokenToSelect(t *testing.T) {
	h := newHarness(t)
	r := toResult(h)
	cmd := h.sendOnly(keyMsg("l"))
	if cmd == nil {
		t.Fatal("l does nothing")
	}
	if msg := cmd(); fmt.Sprintf("%T", msg) != "tea.execMsg" {
		t.Fatalf("l gives %T, not the terminal to a printer", msg)
	}
	sel := r.selectable()
	var out bytes.Buffer
	sel.SetStdout(&out)
	sel.SetStdin(strings.NewReader("\n"))
	if err := sel.Run(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(out.String(), "\r\n")
	for _, want := range []string{r.token.Token, r.token.LinkURL} {
		found := false
		for _, l := range lines {
			found = found || l == want
		}
		if !found {
			t.Errorf("%q is not printed on a line of its own:\n%q", want, out.String())
		}
	}
	if !strings.Contains(out.String(), "press enter to go back") {
		t.Errorf("the printout does not say how to go back:\n%s", out.String())
	}
}

// What is printed outside the frame is inert too: a token from a hostile
// server cannot reach the terminal with an escape sequence.
func TestSelectablePrintsInertText(t *testing.T) {
	var out bytes.Buffer
	sel := selectable{heading: "The token", text: "abc\x1b]52;c;ZXZpbA==\adef\x1b[2J", in: strings.NewReader(""), out: &out}
	if err := sel.Run(); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "\x1b") || !strings.Contains(out.String(), "abcdef") {
		t.Errorf("printed %q", out.String())
	}
}

// Every way a copy can end is said whole on the status line at 60×20, with
// where the token is instead: nothing cut to "…".
func TestCopyOutcomesFitTheStatusLine(t *testing.T) {
	outcomes := []struct {
		method clip.Method
		err    error
	}{
		{clip.OSC52, nil},
		{clip.OSC52, errors.New("no clipboard tool found: install xclip, xsel or wl-clipboard")},
		{clip.OSC52, errors.New("tmux drops it unless `set -g set-clipboard on`")},
		{clip.OSC52, errors.New("the system clipboard failed: exit status 1")},
		{clip.None, clip.ErrTmuxDrops},
		{clip.None, clip.ErrOff},
		{clip.None, errors.New("no clipboard tool found: install xclip, xsel or wl-clipboard\nthere is no terminal to send OSC 52 to")},
	}
	h := newHarness(t)
	h.send(tea.WindowSizeMsg{Width: 60, Height: 20})
	toResult(h)
	for _, o := range outcomes {
		h.copyAs(o.method, o.err)
		h.press("c")
		status := strings.Join(h.m.statusLines(), " ")
		if strings.Contains(status, "…") || !strings.Contains(strings.Join(strings.Fields(status), " "), "q prints it on quit") {
			t.Errorf("%v, %v: status %q", o.method, o.err, status)
		}
	}
}

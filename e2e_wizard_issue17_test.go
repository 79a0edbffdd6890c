package main

// End-to-end tests of what a new user met in the wizard (issue 17): at
// 80×24 and at 60×20, in tmux as it is set up by default.

import (
	"encoding/base64"
	"fmt"
	"strings"
	"testing"
)

var sizes = [][2]int{{80, 24}, {60, 20}}

// joined is the screen with the lines the terminal wrapped itself joined,
// as a selection by hand picks them up.
func (w *tmuxWizard) joined() string {
	w.t.Helper()
	out, err := w.tmux("capture-pane", "-p", "-J", "-t", "wizard")
	if err != nil {
		w.t.Fatal(err)
	}
	return out
}

// waitForWords waits until the screen says each of phrases, wherever the
// wizard broke its lines (a status goes on over lines).
func (w *tmuxWizard) waitForWords(phrases ...string) string {
	w.t.Helper()
	return w.waitUntil(fmt.Sprintf("%q on screen", phrases), func(s string) bool {
		flat := strings.Join(strings.Fields(s), " ")
		for _, p := range phrases {
			if !strings.Contains(flat, p) {
				return false
			}
		}
		return true
	})
}

// toWithdrawalToken fetches a withdrawal token from the demo server.
func toWithdrawalToken(w *tmuxWizard) {
	w.t.Helper()
	w.typ("4")
	w.waitFor("Withdrawal › Details", "› User ID")
	w.typ("u1")
	w.keys("Enter")
	w.waitFor("Withdrawal › Preview", "ready to send")
	w.keys("Enter")
	w.waitFor("✓ link token from the demo server", "Token")
}

// after is the line that follows the line heading in lines.
func after(lines []string, heading string) string {
	for i, l := range lines {
		if l == heading && i+1 < len(lines) {
			return lines[i+1]
		}
	}
	return ""
}

// In tmux as it comes (set-clipboard external), an OSC 52 copy is dropped:
// the wizard says so, with the fix, and l prints the token for selecting
// it whole, the terminal wrapping it (no hard line breaks).
func TestWizardCopyInDefaultTmuxSaysHowAndPrintsToSelect(t *testing.T) {
	for _, size := range sizes {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			e := newWizardEnv(t, "MESHLINK_DEMO_SERVER=off")
			w := startWizardWith(t, e, paneOptions{width: size[0], height: size[1], conf: "set -g remain-on-exit on\n", inTmux: true})
			toWithdrawalToken(w)
			w.keys("c")
			w.waitForWords("could not copy the token", "`set -g set-clipboard on`", "l prints it to select, q prints it on quit")
			if _, err := w.tmux("show-buffer"); err == nil {
				t.Fatal("tmux took the copy: the test's tmux is not as it comes")
			}
			w.keys("l")
			w.waitFor("press enter to go back to meshlink")
			// each on a line of its own, which the terminal wrapped: the token
			// decodes to the Link URL whole
			lines := strings.Split(w.joined(), "\n")
			token, link := after(lines, "The token, to select:"), after(lines, "The Link URL, to select:")
			if decoded, err := base64.StdEncoding.DecodeString(token); err != nil || string(decoded) != link || !strings.HasPrefix(link, "http://127.0.0.1:") {
				t.Errorf("token %q (%v) does not decode to the Link URL %q:\n%s", token, err, link, w.joined())
			}
			w.keys("Enter")
			w.waitFor("✓ link token from the demo server", "c copy token")
			w.keys("q")
			if code := w.waitExit(); code != 0 {
				t.Errorf("q: exit status %d", code)
			}
		})
	}
}

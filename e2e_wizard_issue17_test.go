package main

// End-to-end tests of what a new user met in the wizard (issue 17): at
// 80×24 and at 60×20, in tmux as it is set up by default.

import (
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

// toWithdrawalToken fetches a withdrawal token from the demo server and
// returns it as the result screen shows it.
func toWithdrawalToken(w *tmuxWizard) string {
	w.t.Helper()
	w.typ("4")
	w.waitFor("Withdrawal › Details", "› User ID")
	w.typ("u1")
	w.keys("Enter")
	w.waitFor("Withdrawal › Preview", "ready to send")
	w.keys("Enter")
	screen := w.waitFor("✓ link token from the demo server", "Token")
	token := section(screen, "Token")
	if len(token) < 100 {
		w.t.Fatalf("token %q", token)
	}
	return token
}

// In tmux as it comes (set-clipboard external), an OSC 52 copy is dropped:
// the wizard says so, with the fix, and l prints the token for selecting
// it whole, the terminal wrapping it (no hard line breaks).
func TestWizardCopyInDefaultTmuxSaysHowAndPrintsToSelect(t *testing.T) {
	for _, size := range sizes {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			e := newWizardEnv(t, "MESHLINK_DEMO_SERVER=off")
			w := startWizardWith(t, e, paneOptions{width: size[0], height: size[1], conf: "set -g remain-on-exit on\n", inTmux: true})
			token := toWithdrawalToken(w)
			w.keys("c")
			w.waitFor("could not copy the token", "`set -g set-clipboard on`", "q prints it on quit")
			if buf, err := w.tmux("show-buffer"); err == nil && strings.Contains(buf, token) {
				t.Fatal("tmux took the copy: the test's tmux is not as it comes")
			}
			w.keys("l")
			w.waitUntil("the token printed on one line", func(string) bool {
				for _, l := range strings.Split(w.joined(), "\n") {
					if l == token {
						return true
					}
				}
				return false
			})
			w.waitFor("press enter to go back to meshlink")
			w.keys("Enter")
			w.waitFor("✓ link token from the demo server", "c copy token")
			w.keys("q")
			if code := w.waitExit(); code != 0 {
				t.Errorf("q: exit status %d", code)
			}
		})
	}
}

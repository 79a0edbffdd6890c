package main

// End-to-end tests of what a new user met in the wizard (issue 17): at
// 80×24 and at 60×20, in tmux as it is set up by default.

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
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
// wizard broke its lines (a status, a dialog's text goes on over lines).
func (w *tmuxWizard) waitForWords(phrases ...string) string {
	w.t.Helper()
	return w.waitUntil(fmt.Sprintf("%q on screen", phrases), func(s string) bool {
		flat := strings.Join(strings.Fields(strings.ReplaceAll(s, "│", " ")), " ")
		for _, p := range phrases {
			if !strings.Contains(flat, p) {
				return false
			}
		}
		return true
	})
}

// toWithdrawalPreview walks a withdrawal for u1 to its preview.
func toWithdrawalPreview(w *tmuxWizard) {
	w.t.Helper()
	w.typ("4")
	w.waitFor("Withdrawal › Details", "› User ID")
	w.typ("u1")
	w.keys("Enter")
	w.waitFor("Withdrawal › Preview", "ready to send")
}

// toWithdrawalToken fetches a withdrawal token from the demo server.
func toWithdrawalToken(w *tmuxWizard) {
	w.t.Helper()
	toWithdrawalPreview(w)
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
	t.Parallel()
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

// startAt runs the wizard at size, with tmux's escape-time short: an esc
// followed at once by another key is two keys.
func startAt(t *testing.T, e *wizardEnv, size [2]int, args ...string) *tmuxWizard {
	t.Helper()
	return startWizardWith(t, e, paneOptions{width: size[0], height: size[1], conf: tmuxConf + "set -g escape-time 10\n"}, args...)
}

// uncut fails the test when a line of the screen was cut to fit ("…" at
// its end).
func uncut(t *testing.T, screen string) {
	t.Helper()
	for _, l := range strings.Split(screen, "\n") {
		if strings.HasSuffix(strings.TrimRight(l, " "), "…") {
			t.Errorf("a line is cut: %q\n%s", l, screen)
		}
	}
}

// dialogWhole checks the dialog on screen: its bottom border is there, and
// beside it nothing of the screen behind.
func dialogWhole(t *testing.T, screen string) {
	t.Helper()
	lines := strings.Split(screen, "\n")
	top, bottom := -1, -1
	for i, l := range lines {
		if strings.Contains(l, "╭") {
			top = i
		}
		if strings.Contains(l, "╰") && strings.Contains(l, "╯") {
			bottom = i
		}
	}
	if top < 0 || bottom < top {
		t.Fatalf("no whole dialog on screen:\n%s", screen)
	}
	for _, l := range lines[top : bottom+1] {
		left, right := strings.IndexAny(l, "╭│╰"), strings.LastIndexAny(l, "╮│╯")
		if strings.TrimSpace(l[:left]) != "" || strings.TrimSpace(l[right+len("│"):]) != "" {
			t.Errorf("the screen behind shows beside the dialog: %q\n%s", l, screen)
		}
	}
}

// ? shows every key, whole, at 80×24 and 60×20; a dialog keeps its bottom
// border and hides what is beside it.
func TestWizardHelpAndDialogsFitSmallTerminals(t *testing.T) {
	t.Parallel()
	for _, size := range sizes {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			w := startAt(t, newWizardEnv(t), size)
			toWithdrawalPreview(w)
			w.keys("?")
			uncut(t, w.waitFor("G/end", "ctrl+e", "environment", "ctrl+c", "quit", "u     curl command"))
			w.keys("?")
			w.waitFor("? more keys")
			w.keys("C-e")
			dialogWhole(t, w.waitFor("Where should the token come from?", "Sandbox and production ask"))
			w.keys("Escape")
			w.waitUntil("the dialog to close", func(s string) bool { return !strings.Contains(s, "╭") })
			w.keys("s")
			dialogWhole(t, w.waitFor("Save this setup as a preset", "Description"))
		})
	}
}

// The networks screen: enter with none chosen says how to choose, and tab
// moves on to the next row as it moves on in a form.
func TestWizardNetworksEnterAndTab(t *testing.T) {
	t.Parallel()
	for _, size := range sizes {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			w := startAt(t, newWizardEnv(t), size)
			w.typ("1")
			w.waitFor("Deposit › Details", "› User ID")
			w.typ("u1")
			w.keys("Enter")
			w.waitFor("Deposit › Networks", "0 chosen")
			w.keys("Enter")
			w.waitFor("choose at least one network (space)", "0 chosen")
			w.waitMatch(regexp.MustCompile(`(?m)^› \[ \] Ethereum`))
			w.keys("Tab")
			w.waitMatch(regexp.MustCompile(`(?m)^› \[ \] Solana`))
			w.waitFor("0 chosen")
			w.keys("Space")
			w.waitFor("1 chosen", "chosen: Solana")
			w.keys("Enter")
			w.waitFor("Deposit › Destinations", "Solana (solana)")
		})
	}
}

// At 60 columns the preview shows an address whole, on a line of its own,
// rather than cut at the edge.
func TestWizardPreviewShowsAddressesWholeAt60Columns(t *testing.T) {
	t.Parallel()
	w := startAt(t, newWizardEnv(t), [2]int{60, 20})
	w.typ("1")
	w.waitFor("Deposit › Details", "› User ID")
	w.typ("u1")
	w.keys("Enter")
	w.waitFor("Deposit › Networks")
	w.typ("ethereum")
	w.waitMatch(regexp.MustCompile(`(?m)^› \[ \] Ethereum`))
	w.keys("Space")
	w.waitFor("chosen: Ethereum")
	w.keys("Enter")
	w.waitFor("Deposit › Destinations", "› Symbol")
	w.keys("Tab")
	w.typ("0x71C7656EC7ab88b098defB751B7401B5f6d8976F")
	w.keys("Enter")
	w.waitFor("Deposit › Preview", "ready to send")
	w.keys("G")
	uncut(t, w.waitFor(`  "0x71C7656EC7ab88b098defB751B7401B5f6d8976F"`, "100%"))
}

// After a 401 the error screen offers "enter credentials" once, and the
// keys dialog shows the client id in clear (the secret never) without
// asking to set variables that are set.
func TestWizardAfterA401(t *testing.T) {
	t.Parallel()
	bad := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = w.Write([]byte(`{"status":"permissionDenied","message":"Invalid client credentials","errorType":"invalidCredentials"}`))
	}))
	t.Cleanup(bad.Close)
	for _, size := range sizes {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			w := startAt(t, newWizardEnv(t, withCreds...), size, "--base-url", bad.URL)
			toWithdrawalPreview(w)
			w.keys("Enter")
			screen := w.waitFor("Withdrawal › Error", "401", "enter credentials")
			if n := strings.Count(screen, "enter credentials"); n != 1 || strings.Contains(screen, "enter enter") {
				t.Errorf("\"enter credentials\" %d times:\n%s", n, screen)
			}
			w.keys("Enter")
			screen = w.waitForWords("MESH_CLIENT_ID "+testClientID, "which are set")
			dialogWhole(t, screen)
			if strings.Contains(screen, "to skip this next time") {
				t.Errorf("the dialog asks to set variables that are set:\n%s", screen)
			}
		})
	}
}

// The production confirmation says what to type after a wrong word, and
// verify's details ask nothing of a transfer. Nothing is sent.
func TestWizardConfirmationAndVerifyWords(t *testing.T) {
	t.Parallel()
	for _, size := range sizes {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			w := startAt(t, newWizardEnv(t, withCreds...), size, "--env", "production")
			w.typ("5")
			screen := w.waitFor("Verify wallet › Details", "› User ID")
			if strings.Contains(screen, "transfer") {
				t.Errorf("verify's details speak of a transfer:\n%s", screen)
			}
			w.keys("Escape")
			w.waitFor("What should the link token do?")
			toWithdrawalPreview(w)
			w.keys("Enter")
			w.waitFor("Type production to send")
			w.typ("prod")
			w.keys("Enter")
			dialogWhole(t, w.waitForWords(`"prod" is not production: type production, the whole word, then enter`))
			w.keys("Escape")
			w.waitUntil("the dialog to close", func(s string) bool { return !strings.Contains(s, "╭") })
		})
	}
}

// The preset picker with none says how to make one; a preset shows its
// description, and a demo preset replays on demo though keys are set.
func TestWizardPresetPickerAndEnvironment(t *testing.T) {
	t.Parallel()
	e := newWizardEnv(t, withCreds...)
	w := startAt(t, e, [2]int{60, 20})
	w.typ("p")
	uncut(t, w.waitForWords("No presets yet", "meshlink presets save"))
	w.keys("Escape")
	w.waitFor("What should the link token do?")

	r := meshlink(t, append(e.cliEnv(), "HOME="+e.home), `{"userId": "u1"}`,
		"presets", "save", "demo-w", "--body", "-", "--use-case", "withdrawal", "--env", "demo", "--description", "the QA withdrawal")
	if r.code != 0 {
		t.Fatalf("presets save: %d\n%s", r.code, r.stderr)
	}
	w = startAt(t, e, [2]int{60, 20})
	w.waitFor("SANDBOX")
	w.typ("p")
	w.waitFor("demo-w", "the QA withdrawal")
	w.keys("Enter")
	w.waitFor("Withdrawal › Preview", "DEMO")
	w.waitForWords("now on demo, where it was saved")
}

// "New ID each run" is every send: sent again from the preview, the body
// carries a transactionId of its own, the one the preview shows.
func TestWizardEverySendHasANewTransactionID(t *testing.T) {
	t.Parallel()
	srv := startDemoServer(t)
	w := startWizard(t, newWizardEnv(t, withCreds...), "--base-url", srv.URL)
	first := walkDeposit(w)
	w.keys("Enter")
	w.waitFor("✓ link token from custom")
	w.keys("Escape")
	w.waitFor("Deposit › Preview", "ready to send")
	second := w.waitMatch(txIDInBody)[1]
	w.keys("Enter")
	w.waitFor("✓ link token from custom", "transactionId "+second)
	reqs := linkTokenRequests(srv)
	if len(reqs) != 2 {
		t.Fatalf("%d sends", len(reqs))
	}
	var sent []string
	for _, r := range reqs {
		sent = append(sent, txIDInBody.FindStringSubmatch(string(r.Body))[1])
	}
	if sent[0] != first || sent[1] != second || first == second {
		t.Errorf("sent %q; the preview showed %q, then %q", sent, first, second)
	}
}

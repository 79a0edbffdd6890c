package wizard

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/meshlink/meshlink/mesh"
)

// ? lists every key of the screen whole, at 60×20 too: columns that do not
// fit side by side are put one under the other, never cut to "…".
func TestFullHelpFitsSmallTerminals(t *testing.T) {
	_, withStore := withPresets(t)
	all := append(screens[:len(screens):len(screens)], struct {
		name  string
		title string
		reach func(h *harness)
	}{"result", "Token", func(h *harness) { h.loadBody(twoOnEthereum); h.press("enter") }})
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		for _, sc := range all {
			t.Run(fmt.Sprintf("%s_%dx%d", sc.name, size[0], size[1]), func(t *testing.T) {
				h := newHarness(t, withStore)
				h.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				sc.reach(h)
				if !h.m.help.ShowAll {
					if h.press("?"); !h.m.help.ShowAll {
						return // ? went into a text field
					}
				}
				v := h.view()
				checkFrame(t, v, size[0], size[1])
				help := strings.Join(strings.Split(v, "\n")[size[1]-lineCount(h.m.helpV):], "\n")
				if strings.Contains(help, "…") {
					t.Errorf("the keys are cut:\n%s", v)
				}
				for _, col := range h.m.keyMap().FullHelp() {
					for _, b := range col {
						if want := b.Help().Key + " "; !strings.Contains(help, want) {
							t.Errorf("? does not show %q:\n%s", b.Help().Key, v)
						}
					}
				}
			})
		}
	}
}

// dialogs reach every dialog, over the screen it opens on.
var dialogs = []struct {
	name  string
	reach func(h *harness)
}{
	{"environment", func(h *harness) { h.loadBody(twoOnEthereum); h.press("ctrl+e") }},
	{"credentials", func(h *harness) { h.loadBody(twoOnEthereum); h.press("ctrl+e", "down", "enter") }},
	{"confirm_production", func(h *harness) {
		h.loadBody(twoOnEthereum)
		h.press("ctrl+e", "down", "down", "enter")
		h.typ("id")
		h.press("enter")
		h.typ("secret")
		h.press("enter", "enter")
	}},
	{"save_preset", func(h *harness) { h.loadBody(twoOnEthereum); h.press("s") }},
	{"snippet", func(h *harness) { h.loadBody(twoOnEthereum); h.press("enter", "x") }},
	{"environment_over_result", func(h *harness) { h.loadBody(twoOnEthereum); h.press("enter", "ctrl+e") }},
}

// A dialog is drawn whole, its bottom border included, and beside it
// nothing of the screen behind shows through.
func TestDialogsAreWholeAndOpaque(t *testing.T) {
	_, withStore := withPresets(t)
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		for _, d := range dialogs {
			t.Run(fmt.Sprintf("%s_%dx%d", d.name, size[0], size[1]), func(t *testing.T) {
				h := newHarness(t, withStore)
				h.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				d.reach(h)
				if len(h.m.dialogs) == 0 {
					t.Fatalf("no dialog:\n%s", h.view())
				}
				v := h.view()
				checkFrame(t, v, size[0], size[1])
				lines := strings.Split(ansi.Strip(v), "\n")
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
					t.Fatalf("the dialog has no bottom border (top %d, bottom %d):\n%s", top, bottom, v)
				}
				for _, l := range lines[top : bottom+1] {
					left, right := strings.IndexAny(l, "╭│╰"), strings.LastIndexAny(l, "╮│╯")
					if strings.TrimSpace(l[:left]) != "" || strings.TrimSpace(l[right+len("│"):]) != "" {
						t.Errorf("the screen behind shows beside the dialog: %q\n%s", l, v)
						break
					}
				}
			})
		}
	}
}

// The environment dialog's last sentence is whole at 60×20: the list
// scrolls to leave room for it (it ended "ask for their keys (for this").
func TestEnvironmentDialogSaysItsLastSentenceWhole(t *testing.T) {
	h := newHarness(t)
	h.send(tea.WindowSizeMsg{Width: 60, Height: 20})
	h.loadBody(twoOnEthereum)
	h.press("ctrl+e")
	h.wantView("run only).")
	checkFrame(t, h.view(), 60, 20)
}

// After a 401 the error screen offers "enter credentials" once: the help
// line does not say "enter enter credentials".
func TestUnauthorizedHelpSaysEnterCredentialsOnce(t *testing.T) {
	bad := unauthorizedServer(t)
	h := newHarness(t, func(o *Options) {
		o.Env = mesh.EnvSandbox
		o.Credentials = mesh.Credentials{ClientID: "old-id", ClientSecret: "old-secret"}
	})
	h.connect = func(tg mesh.Target) (*mesh.Client, error) {
		env, c := tg.Env, tg.Credentials
		return &mesh.Client{BaseURL: bad.URL, Env: env, Credentials: c, MaxAttempts: 1}, nil
	}
	fillDeposit(h)
	h.press("enter")
	h.wantScreen("Error")
	v := h.view()
	if n := strings.Count(v, "enter credentials"); n != 1 || strings.Contains(v, "enter enter") {
		t.Errorf("\"enter credentials\" %d times:\n%s", n, v)
	}
	h.press("?")
	if v := h.view(); strings.Contains(v, "enter enter") {
		t.Errorf("? says enter twice:\n%s", v)
	}
	// At 60 columns the hint wraps whole (it ended "esc back…").
	h.press("?")
	h.send(tea.WindowSizeMsg{Width: 60, Height: 20})
	h.wantView("back to the preview")
}

// At 60 columns a form's label is never cut inside a word: the keys
// dialog's MESH_CLIENT_SECRET showed as MESH_CLIENT_S….
func TestFormLabelWordsWholeAt60Columns(t *testing.T) {
	h := newHarness(t)
	h.send(tea.WindowSizeMsg{Width: 60, Height: 20})
	h.loadBody(twoOnEthereum)
	h.press("ctrl+e", "down", "enter")
	h.wantScreen("Credentials")
	h.wantView("MESH_CLIENT_ID", "MESH_CLIENT_SECRET")
	checkFrame(t, h.view(), 60, 20)
}

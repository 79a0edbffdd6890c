package wizard

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/meshlink/meshlink/mesh"
)

// twoOnEthereum is a deposit with two destinations on one network.
const twoOnEthereum = `{"userId": "user-2", "transferOptions": {"transactionId": "tx-2", "transferType": "deposit", "toAddresses": [
  {"networkId": "` + ethID + `", "symbol": "USDC", "address": "0x71C7656EC7ab88b098defB751B7401B5f6d8976F"},
  {"networkId": "` + ethID + `", "symbol": "USDT", "address": "0x000000000000000000000000000000000000dEaD"}]}}`

// screens reach every screen and dialog of the wizard through keys and
// messages, as a user (or Bubble Tea) would.
var screens = []struct {
	name  string
	title string
	reach func(h *harness)
}{
	{"use_case", "Use case", func(h *harness) {}},
	{"presets", "Presets", func(h *harness) { h.press("p") }},
	{"details", "Details", func(h *harness) { h.chooseUseCase(mesh.UsePayment); h.typ("user-1") }},
	{"networks", "Networks", func(h *harness) {
		h.chooseUseCase(mesh.UseDeposit)
		h.typ("u")
		h.press("enter")
		h.typ("usdc")
	}},
	{"destinations", "Destinations", func(h *harness) { h.loadBody(twoOnEthereum); h.press("esc") }},
	{"verify", "Verify options", func(h *harness) {
		h.chooseUseCase(mesh.UseVerify)
		h.typ("u")
		h.press("enter")
		h.typ("Sign")
	}},
	{"preview", "Preview", func(h *harness) { h.loadBody(twoOnEthereum) }},
	{"fetching", "Fetching", func(h *harness) { h.loadBody(twoOnEthereum); h.pressHolding("enter") }},
	{"error", "Error", func(h *harness) {
		h.loadBody(twoOnEthereum)
		h.pressHolding("enter")
		h.send(fetchFailedMsg{id: top[*fetchScreen](h).id, err: errors.New("fetch link token: cannot reach 127.0.0.1:1")})
	}},
	{"environment", "Environment", func(h *harness) { h.loadBody(twoOnEthereum); h.press("ctrl+e") }},
	{"credentials", "Credentials", func(h *harness) { h.loadBody(twoOnEthereum); h.press("ctrl+e", "down", "enter"); h.typ("id") }},
	{"confirm_production", "Confirm production", func(h *harness) {
		h.loadBody(twoOnEthereum)
		h.press("ctrl+e", "down", "down", "enter")
		h.typ("id")
		h.press("enter")
		h.typ("secret")
		h.press("enter", "enter")
	}},
	{"save_preset", "Save preset", func(h *harness) { h.loadBody(twoOnEthereum); h.press("s"); h.typ("qa") }},
	{"all_keys", "Preview", func(h *harness) { h.loadBody(twoOnEthereum); h.press("?") }},
}

// Every screen and dialog as a golden file at 80×24, and whole at 60×20.
// Refresh with: go test ./ui/wizard -run GoldenScreens -update
func TestGoldenScreens(t *testing.T) {
	_, withStore := withPresets(t)
	for _, sc := range screens {
		t.Run(sc.name, func(t *testing.T) {
			h := newHarness(t, withStore)
			sc.reach(h)
			h.wantScreen(sc.title)
			golden.RequireEqual(t, []byte(h.view()))
			h.send(tea.WindowSizeMsg{Width: 60, Height: 20})
			checkFrame(t, h.view(), 60, 20)
		})
	}
}

// At 60 columns a form's labels go on over lines rather than being cut:
// "Generate a pay li…" does not say what the toggle does.
func TestFormLabelsWholeAt60Columns(t *testing.T) {
	h := newHarness(t)
	h.send(tea.WindowSizeMsg{Width: 60, Height: 20})
	h.chooseUseCase(mesh.UsePayment)
	h.wantScreen("Details")
	seen := ""
	for range h.form().fields {
		v := h.view()
		checkFrame(t, v, 60, 20)
		for _, l := range strings.Split(v, "\n") {
			if strings.Contains(ansi.Truncate(l, 22, ""), "…") {
				t.Errorf("a label is cut: %q", l)
			}
		}
		seen += v
		h.press("tab")
	}
	for _, want := range []string{"Restrict to one", "Fees inside the", "Generate a pay", "Disable API key"} {
		if !strings.Contains(seen, want) {
			t.Errorf("no line shows %q:\n%s", want, seen)
		}
	}
}

// ? lists every key the screen answers, and each listed key is one the
// screen takes (pressing it changes the screen or says something).
func TestHelpListsTheScreensKeys(t *testing.T) {
	_, withStore := withPresets(t)
	for _, sc := range screens {
		t.Run(sc.name, func(t *testing.T) {
			h := newHarness(t, withStore)
			sc.reach(h)
			km := h.m.keyMap()
			var listed []string
			for _, col := range km.FullHelp() {
				for _, b := range col {
					if !b.Enabled() || b.Help().Key == "" {
						t.Errorf("a key without help: %v", b.Keys())
					}
					if slices.Contains(listed, b.Help().Key) {
						t.Errorf("%s: ? lists %q twice", sc.name, b.Help().Key)
					}
					listed = append(listed, b.Help().Key)
				}
			}
			if !strings.Contains(strings.Join(listed, " "), "ctrl+c") {
				t.Errorf("%s: ? does not list ctrl+c: %v", sc.name, listed)
			}
		})
	}
}

// The help line is never cut and never lies: where ? shows every key it
// says so, and where ? goes into a text field it does not offer it.
func TestHelpLineOffersQuestionMarkWhereItWorks(t *testing.T) {
	_, withStore := withPresets(t)
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		for _, sc := range screens {
			t.Run(fmt.Sprintf("%s_%d", sc.name, size[0]), func(t *testing.T) {
				h := newHarness(t, withStore)
				h.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				sc.reach(h)
				if h.m.help.ShowAll {
					return // all_keys: ? was pressed
				}
				lines := strings.Split(h.view(), "\n")
				line := lines[len(lines)-1]
				if strings.HasSuffix(line, "…") {
					t.Errorf("the help line is cut: %q", line)
				}
				offers := strings.Contains(line, "? more keys")
				h.press("?")
				if works := h.m.help.ShowAll; offers != works {
					t.Errorf("help line %q; ? shows every key: %v", line, works)
				}
			})
		}
	}
}

// The result's way out stays on a line that must give way: q is how
// TOKEN=$(meshlink) gets its token.
func TestResultHelpLineKeepsQuit(t *testing.T) {
	_, withStore := withPresets(t)
	for _, width := range []int{80, 60} {
		h := newHarness(t, withStore)
		h.send(tea.WindowSizeMsg{Width: width, Height: 24})
		h.loadBody(twoOnEthereum)
		h.press("enter")
		h.wantScreen("Token")
		lines := strings.Split(h.view(), "\n")
		if line := lines[len(lines)-1]; !strings.Contains(line, "q quit") || !strings.Contains(line, "? more keys") {
			t.Errorf("%d columns: help line %q", width, line)
		}
	}
}

func TestDestinationsAddAndRemove(t *testing.T) {
	h := newHarness(t)
	h.loadBody(twoOnEthereum)
	h.press("esc")
	h.wantScreen("Destinations")
	h.wantView("Ethereum (evm) · 1 of 2", "‹ USDC ›")
	h.press("ctrl+o") // a third token on Ethereum, right after the others
	if n := len(h.setup().Dests); n != 3 {
		t.Fatalf("%d destinations after ctrl+o", n)
	}
	h.wantView("Ethereum (evm) · 3 of 3")
	if f := h.form().focused(); f.info().path != "transferOptions.toAddresses[2].symbol" {
		t.Errorf("focus on %s, want the new destination", f.info().path)
	}
	h.typ("d") // the filter picks DAI, if Ethereum lists it, else stays
	h.press("ctrl+x")
	if n := len(h.setup().Dests); n != 2 {
		t.Fatalf("%d destinations after ctrl+x", n)
	}
	h.focusField("transferOptions.toAddresses[0].symbol")
	h.press("ctrl+x")
	if d := h.setup().Dests; len(d) != 1 || d[0].Symbol != "USDT" {
		t.Errorf("left %+v, want the USDT destination", d)
	}
	h.press("enter")
	h.wantScreen("Preview")
	if b := top[*previewScreen](h).body; strings.Contains(b, "USDC") || !strings.Contains(b, "USDT") {
		t.Errorf("body:\n%s", b)
	}
}

func TestPreviewOpensAtTheTopAndJumps(t *testing.T) {
	h := newHarness(t)
	h.send(tea.WindowSizeMsg{Width: 80, Height: 16})
	h.loadBody(twoOnEthereum)
	p := top[*previewScreen](h)
	h.press("G")
	if !p.vp.AtBottom() {
		t.Error("G does not go to the bottom")
	}
	h.press("g")
	if !p.vp.AtTop() {
		t.Error("g does not go to the top")
	}
	h.press("end", "esc", "enter")
	h.wantScreen("Preview")
	if !top[*previewScreen](h).vp.AtTop() {
		t.Error("the preview does not open at the top")
	}
}

func TestStartOverResetsFilters(t *testing.T) {
	h := newHarness(t)
	h.chooseUseCase(mesh.UseDeposit)
	h.typ("u")
	h.press("enter")
	h.typ("solana")
	h.press("space", "enter")
	h.focusField("transferOptions.toAddresses[0].address")
	h.typ("7dHbWXmci3dT8UFYWYZweBLXgycu7Y3iL6trKn1Y7ARj")
	h.press("enter", "enter")
	h.wantScreen("Token")
	h.press("n")
	h.wantScreen("Use case")
	h.press("enter", "enter")
	h.typ("u")
	h.press("enter")
	h.wantScreen("Networks")
	if strings.Contains(h.view(), "Filter: solana") || len(h.setup().Dests) != 0 {
		t.Errorf("start over kept the filter or the networks:\n%s", h.view())
	}
}

func TestExpiredTokenSaysSoAndCopyWarns(t *testing.T) {
	now := fixedNow
	h := newHarness(t, func(o *Options) { o.Now = func() time.Time { return now } })
	h.loadBody(twoOnEthereum)
	h.press("enter")
	h.wantScreen("Token")
	h.wantView("transactionId tx-2")
	now = now.Add(11 * time.Minute)
	h.send(tickMsg{id: top[*resultScreen](h).tickID})
	h.wantView("expired at", "press f for a fresh one")
	h.press("c")
	if s := h.m.s.status.text; !strings.Contains(s, "but it expired: it no longer opens Link (f fetches a fresh one)") || strings.Contains(s, "q prints it") {
		t.Errorf("status %q", s)
	}
}

// In demo, u copies a curl command for `meshlink demo-server` (the wizard's
// own demo server ends with it), and the status line says so whole, at 80
// and at 60 columns.
func TestDemoCurlSaysWhereItPoints(t *testing.T) {
	for _, width := range []int{80, 60} {
		h := newHarness(t)
		h.send(tea.WindowSizeMsg{Width: width, Height: 20})
		h.loadBody(twoOnEthereum)
		h.press("u")
		h.wantView("`meshlink demo-server` at", mesh.DemoServerAddr, "(start it", "first)")
		if got := h.copied[len(h.copied)-1]; !strings.Contains(got, "'"+mesh.DemoServerURL+mesh.PathLinkToken+"'") || !strings.Contains(got, "${MESH_CLIENT_SECRET:-demo}") {
			t.Errorf("copied curl:\n%s", got)
		}
	}
}

package wizard

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/presets"
)

func withPresets(t *testing.T) (*presets.Store, func(*Options)) {
	store := &presets.Store{Dir: filepath.Join(t.TempDir(), "presets")}
	return store, func(o *Options) { o.Presets = store }
}

func TestSavePresetFromPreviewAndReplayIt(t *testing.T) {
	store, mod := withPresets(t)
	h := newHarness(t, mod)
	fillDeposit(h)
	firstTx := h.setup().TransactionID

	h.press("s")
	h.wantScreen("Save preset")
	h.typ("qa-deposit")
	h.press("enter")
	h.wantScreen("Preview")
	h.wantView("saved preset qa-deposit")

	p, err := store.Load("qa-deposit")
	if err != nil {
		t.Fatal(err)
	}
	if p.UseCase != mesh.UseDeposit || p.Environment != mesh.EnvDemo || !p.IsFresh(presets.FreshTransactionID) {
		t.Errorf("saved %+v", p)
	}
	if got := p.Request.TransferOptions.ToAddresses[0].Address; got != "0x1111111111111111111111111111111111111111" {
		t.Errorf("saved address %q", got)
	}

	// saving again under the same name asks before overwriting
	h.press("s")
	h.wantView("qa-deposit") // the name it was saved as is offered
	h.press("enter")
	h.wantScreen("Save preset")
	h.wantView("overwrite it? y/n")
	h.press("y")
	h.wantScreen("Preview")

	// a new run starts from the preset and lands on its preview
	h2 := newHarness(t, mod)
	h2.wantView("preset")
	h2.press("p")
	h2.wantScreen("Presets")
	h2.wantView("qa-deposit", "deposit", "Ethereum")
	h2.press("enter")
	h2.wantScreen("Preview")
	h2.wantView(`"userId": "user-42"`, `"address": "0x1111111111111111111111111111111111111111"`)
	if h2.setup().TransactionID == "" || h2.setup().TransactionID == firstTx {
		t.Errorf("replayed transactionId %q is not fresh (first was %q)", h2.setup().TransactionID, firstTx)
	}
	previewed := h2.setup().TransactionID
	h2.press("enter")
	h2.wantScreen("Token")
	var sent mesh.LinkTokenRequest
	reqs := h2.srv.Requests()
	if err := json.Unmarshal(reqs[len(reqs)-1].Body, &sent); err != nil {
		t.Fatal(err)
	}
	if sent.TransferOptions.TransactionID != previewed {
		t.Errorf("sent transactionId %q, preview showed %q", sent.TransferOptions.TransactionID, previewed)
	}
	// esc walks back through the steps, all filled in
	h2.press("esc", "esc")
	h2.wantScreen("Destinations")
	h2.wantView("0x1111111111111111111111111111111111111111")
}

func TestProductionPresetDoesNotSwitchToProduction(t *testing.T) {
	store, mod := withPresets(t)
	r := mesh.NewRequest(mesh.UseWithdrawal, "u-1")
	if err := store.Save(presets.FromRequest("prod-withdrawal", mesh.UseWithdrawal, mesh.EnvProduction, r), false); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, mod)
	h.press("p")
	h.wantScreen("Presets")
	h.press("enter")
	h.wantScreen("Preview")
	if h.m.s.env == mesh.EnvProduction {
		t.Fatal("loading a production preset switched the run to production")
	}
	h.wantView("saved for production")
}

// A preset file is shared by teams: escape sequences in its text (set the
// clipboard, clear the screen) reach the terminal inert from the picker and
// from the screens it fills.
func TestHostilePresetTextStaysInert(t *testing.T) {
	store, mod := withPresets(t)
	const osc52, clear = "\x1b]52;c;aGFja2Vk\x07", "\x1b[2J"
	file := `{"version": 1, "name": "team", "description": "` + jsonEsc(osc52+"shared"+clear) + `", "useCase": "deposit",
  "request": {"userId": "` + jsonEsc("u"+osc52) + `", "transferOptions": {"transactionId": "tx", "transferType": "deposit",
    "toAddresses": [{"networkId": "` + jsonEsc(clear+ethID) + `", "symbol": "` + jsonEsc("USDC"+osc52) + `", "address": "0xabc"}]}}}`
	if err := os.MkdirAll(store.Dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := writeFile(filepath.Join(store.Dir, "team.json"), file); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, mod)
	h.press("p")
	h.wantScreen("Presets")
	for _, v := range []string{h.view(), func() string { h.press("enter"); return h.view() }(), func() string { h.press("esc"); return h.view() }()} {
		if strings.Contains(v, "\x1b]") || strings.Contains(v, "\x1b[2J") || strings.Contains(v, "\a") {
			t.Errorf("an escape sequence from the preset reaches the terminal:\n%q", v)
		}
	}
	if h.m.s.preset == "" && !strings.Contains(h.m.s.status.text, "cannot") {
		t.Errorf("the preset neither loaded nor failed: %q", h.m.s.status.text)
	}
}

func jsonEsc(s string) string {
	b, _ := json.Marshal(s)
	return string(b[1 : len(b)-1])
}

func TestSafeFrameKeepsColoursOnly(t *testing.T) {
	in := "\x1b[1;32mok\x1b[0m \x1b]52;c;aGk=\x07x\x1b[2Jy\x1b]0;title\x1b\\z\tw\u202eq\x1bPdcs\x1b\\!"
	if got, want := safeFrame(in), "\x1b[1;32mok\x1b[0m xyz wq!"; got != want {
		t.Errorf("safeFrame = %q, want %q", got, want)
	}
}

// A token fetched from a loaded preset records it as used, as
// `token --preset` does.
func TestFetchFromPresetRecordsLastUsed(t *testing.T) {
	store, mod := withPresets(t)
	r := mesh.NewRequest(mesh.UseWithdrawal, "u-1")
	if err := store.Save(presets.FromRequest("used", mesh.UseWithdrawal, mesh.EnvDemo, r), false); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, mod)
	h.press("p", "enter")
	h.wantScreen("Preview")
	h.press("enter")
	h.wantScreen("Token")
	p, err := store.Load("used")
	if err != nil || !p.LastUsed.Equal(fixedNow) {
		t.Errorf("last used %v (%v), want %v", p.LastUsed, err, fixedNow)
	}
}

// The catalog is read in the background: when it arrives after the preset
// list (a loaded machine), the picker names the networks all the same.
func TestPresetPickerNamesNetworksWhenTheCatalogComesLate(t *testing.T) {
	store, mod := withPresets(t)
	r := mesh.NewRequest(mesh.UseDeposit, "u-1")
	r.TransferOptions.ToAddresses = []mesh.ToAddress{{NetworkID: ethID, Symbol: "USDC", Address: "0x71C7656EC7ab88b098defB751B7401B5f6d8976F"}}
	if err := store.Save(presets.FromRequest("late", mesh.UseDeposit, mesh.EnvDemo, r), false); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, mod)
	h.send(catalogLoadedMsg{cat: &mesh.Catalog{}}) // nothing known yet
	h.press("p")
	h.wantScreen("Presets")
	h.wantView("late", ethID)
	h.send(catalogLoadedMsg{cat: mesh.Snapshot()})
	h.wantView("late", "deposit · Ethereum ·")
	h.typ("ethereum")
	h.wantView("late")
}

// A preset replays its body as saved, so one that could never be sent (the
// guide's "xxx" addresses, which only the catalog's check refuses) is not
// saved; accessTokens are left out, and the status says where they belong.
func TestSavePresetChecksTheBodyAndLeavesOutAccessTokens(t *testing.T) {
	store, mod := withPresets(t)
	guide, err := os.ReadFile(filepath.Join("..", "..", "testdata", "mesh-examples", "guide-deposit.json"))
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, mod)
	h.loadBody(string(guide))
	h.press("s")
	h.typ("guide")
	h.press("enter")
	h.wantScreen("Save preset")
	h.wantView("not saved: 3 errors on the preview")
	if _, err := store.Load("guide"); err == nil {
		t.Error("a body with placeholder addresses was saved")
	}

	h = newHarness(t, mod)
	h.loadBody(`{"userId": "u-1", "accessTokens": [{"accountId": "a", "accountName": "Coinbase", "accessToken": "secret-token", "brokerType": "coinbase", "brokerName": "Coinbase"}]}`)
	h.press("s")
	h.typ("returning")
	h.press("enter")
	h.wantScreen("Preview")
	h.wantView("saved preset returning without its accessTokens", "createLink({accessTokens})")
	p, err := store.Load("returning")
	if err != nil || len(p.Request.AccessTokens) != 0 {
		t.Errorf("Load = %+v, %v; want a preset without accessTokens", p, err)
	}
}

func TestPresetPickerListsTheReadablePresetsBesideABrokenFile(t *testing.T) {
	store, mod := withPresets(t)
	r := mesh.NewRequest(mesh.UseWithdrawal, "u-1")
	if err := store.Save(presets.FromRequest("good-one", mesh.UseWithdrawal, mesh.EnvDemo, r), false); err != nil {
		t.Fatal(err)
	}
	if err := writeFile(filepath.Join(store.Dir, "broken.json"), "{not json"); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, mod)
	h.press("p")
	h.wantScreen("Presets")
	h.wantView("good-one", "some preset files were left out")
	if strings.Contains(h.view(), "cannot list presets") {
		t.Errorf("the picker says it cannot list presets while it lists one:\n%s", h.view())
	}
}

// With no preset yet, the picker says how to make one; with presets, each
// shows its description under it.
func TestPresetPickerSaysHowToMakeOneAndShowsDescriptions(t *testing.T) {
	store, mod := withPresets(t)
	h := newHarness(t, mod)
	h.send(tea.WindowSizeMsg{Width: 60, Height: 20})
	h.press("p")
	h.wantScreen("Presets")
	h.wantView("No presets yet", "s\non the preview or the result screen saves one", "meshlink presets save")
	checkFrame(t, h.view(), 60, 20)
	for _, l := range strings.Split(h.view(), "\n") {
		if strings.HasSuffix(l, "…") {
			t.Errorf("a line is cut: %q", l)
		}
	}
	if strings.Contains(h.view(), "no preset matches") {
		t.Errorf("an empty list reads as a filter that matches nothing:\n%s", h.view())
	}

	p := presets.FromRequest("qa-withdrawal", mesh.UseWithdrawal, mesh.EnvDemo, mesh.NewRequest(mesh.UseWithdrawal, "u-1"))
	p.Description = "what QA uses for withdrawals"
	if err := store.Save(p, false); err != nil {
		t.Fatal(err)
	}
	h = newHarness(t, mod)
	h.press("p")
	h.wantView("qa-withdrawal", "what QA uses for withdrawals")
	h.typ("zzz")
	h.wantView("no preset matches")
}

// A preset replays where it was saved: a demo preset goes to demo though
// keys are set (the run started on sandbox), and says so; unless the
// environment was named on the command line, which it keeps, and says so.
func TestPresetKeepsItsEnvironment(t *testing.T) {
	for _, named := range []bool{false, true} {
		store, mod := withPresets(t)
		r := mesh.NewRequest(mesh.UseWithdrawal, "u-1")
		if err := store.Save(presets.FromRequest("demo-withdrawal", mesh.UseWithdrawal, mesh.EnvDemo, r), false); err != nil {
			t.Fatal(err)
		}
		h := newHarness(t, mod, func(o *Options) {
			o.Env, o.EnvNamed = mesh.EnvSandbox, named
			o.Credentials = mesh.Credentials{ClientID: "id", ClientSecret: "secret"}
		})
		h.press("p")
		h.press("enter")
		h.wantScreen("Preview")
		switch {
		case !named && h.m.s.env != mesh.EnvDemo:
			t.Errorf("a demo preset replays on %s", h.m.s.env)
		case named && h.m.s.env != mesh.EnvSandbox:
			t.Errorf("--env sandbox given, the demo preset moved the run to %s", h.m.s.env)
		}
		want := "now on demo, where it was saved"
		if named {
			want = "stays on sandbox"
		}
		if !strings.Contains(h.m.s.status.text, want) {
			t.Errorf("named %v: status %q lacks %q", named, h.m.s.status.text, want)
		}
		h.wantView(map[bool]string{false: "DEMO", true: "SANDBOX"}[named])
	}
}

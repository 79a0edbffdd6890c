package wizard

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/presets/history"
	"github.com/meshlink/meshlink/ui/open"
	"github.com/meshlink/meshlink/ui/qr/qrtest"
)

// toResult fetches a deposit token from the demo server.
func toResult(h *harness) *resultScreen {
	h.t.Helper()
	fillDeposit(h)
	h.press("enter")
	h.wantScreen("Token")
	return top[*resultScreen](h)
}

func TestResultCopiesTheCodeForAPlatform(t *testing.T) {
	h := newHarness(t)
	r := toResult(h)
	h.press("x")
	h.wantScreen("Code for your app")
	h.wantView("react-native", "a React component")
	h.press("down", "enter") // react: shown, and copied
	h.wantScreen("react code")
	if len(h.copied) != 1 {
		t.Fatalf("copied %d texts", len(h.copied))
	}
	code := h.copied[0]
	for _, want := range []string{"const linkToken = '" + r.token.Token + "'", "createLink({", "// Before it works:"} {
		if !strings.Contains(code, want) {
			t.Errorf("the copied react code lacks %q", want)
		}
	}
	if !strings.Contains(h.m.s.status.text, "the react code") {
		t.Errorf("status %q", h.m.s.status.text)
	}
	h.wantView("import { createLink") // there to read, and to scroll through
	h.press("G")
	h.wantView("Before it works")
	h.press("c") // copied again
	if len(h.copied) != 2 || h.copied[1] != code {
		t.Errorf("c copied %d texts", len(h.copied))
	}
	h.press("esc")
	h.wantScreen("Token")

	// esc leaves the dialog without copying; a paylink needs a pay link.
	h.press("x", "esc")
	h.wantScreen("Token")
	h.press("x")
	for range 7 {
		h.press("down")
	}
	h.press("enter")
	if len(h.copied) != 2 || !strings.Contains(h.m.s.status.text, `turn on "Generate a pay link"`) {
		t.Errorf("paylink without a pay link: copied %d, status %q", len(h.copied), h.m.s.status.text)
	}
}

func TestResultDrawsTheQRCodeWhenThereIsRoom(t *testing.T) {
	h := newHarness(t)
	r := toResult(h)
	if len(r.qr) == 0 {
		t.Fatal("no QR code made for the Link URL")
	}
	h.wantView("w QR code as PNG")
	if strings.Contains(h.view(), "QR code of") {
		t.Error("a QR code drawn on 80×24")
	}
	h.send(tea.WindowSizeMsg{Width: 120, Height: 70})
	h.press("G")
	h.wantView("QR code of the Link URL, for a phone", "a phone cannot open it", r.qr[len(r.qr)/2])
	checkFrame(t, h.view(), 120, 70)
}

// w asks where to write the QR code's PNG, offering a file under the
// state directory (never the current one), writes it, says where, and
// says a phone cannot open a link to this machine.
func TestResultWritesTheQRCodeAsPNG(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state", "meshlink") // made when first written to
	h := newHarness(t, func(o *Options) { o.QRDir = dir })
	r := toResult(h)
	h.press("w")
	h.wantScreen("QR code")
	h.wantView("meshlink-qr-", "a phone cannot open it: it leads to 127.0.0.1")
	if d := top[*qrDialog](h); !strings.HasPrefix(d.path, dir) {
		t.Errorf("offered %q, not a file in %s", d.path, dir)
	}
	h.press("enter")
	h.wantScreen("Token")
	files, _ := filepath.Glob(filepath.Join(dir, "meshlink-qr-*.png"))
	if len(files) != 1 {
		t.Fatalf("wrote %v", files)
	}
	for _, want := range []string{"QR code of the Link URL", files[0], "a phone cannot open it"} {
		if !strings.Contains(h.m.s.status.text, want) {
			t.Errorf("the status lacks %q: %q", want, h.m.s.status.text)
		}
	}
	text, err := qrtest.DecodeFile(files[0])
	if err != nil || text != r.token.LinkURL {
		t.Errorf("the PNG decodes to %q, %v; want %q", text, err, r.token.LinkURL)
	}

	// a path typed instead; a directory that does not exist is said, and
	// the dialog stays with what was typed
	other := filepath.Join(t.TempDir(), "phone.png")
	h.press("w", "ctrl+u")
	h.typ(filepath.Join(t.TempDir(), "no", "such", "dir", "x.png"))
	h.press("enter")
	h.wantScreen("QR code")
	if !strings.Contains(h.m.s.status.text, "no QR code written") {
		t.Errorf("status %q", h.m.s.status.text)
	}
	h.press("ctrl+u")
	h.typ(other)
	h.press("enter")
	h.wantScreen("Token")
	if text, err := qrtest.DecodeFile(other); err != nil || text != r.token.LinkURL {
		t.Errorf("%s decodes to %q, %v", other, text, err)
	}
}

// Without a directory given, the PNG is offered in the temporary one: never
// a relative path, which would land wherever meshlink was started.
func TestResultQRCodeIsNeverOfferedInTheCurrentDirectory(t *testing.T) {
	h := newHarness(t)
	toResult(h)
	h.press("w")
	h.wantScreen("QR code")
	d := top[*qrDialog](h)
	if !filepath.IsAbs(d.path) || !strings.HasPrefix(d.path, os.TempDir()) {
		t.Errorf("offered %q", d.path)
	}
}

func TestResultOpensTheLinkWithBROWSER(t *testing.T) {
	dir := t.TempDir()
	script, record := filepath.Join(dir, "browser"), filepath.Join(dir, "opened")
	os.WriteFile(script, []byte("#!/bin/sh\nprintf '%s\\n' \"$@\" > '"+record+"'\necho noise\n"), 0o700)
	h := newHarness(t, func(o *Options) {
		o.Getenv = func(k string) string {
			if k == "BROWSER" {
				return script
			}
			return ""
		}
	})
	r := toResult(h)
	h.press("o")
	got, err := os.ReadFile(record)
	if err != nil || string(got) != r.token.LinkURL+"\n" {
		t.Errorf("$BROWSER got %q, %v; want %q", got, err, r.token.LinkURL)
	}
	h.wantView("opened the Link URL in your browser")
	if strings.Contains(h.view(), "noise") {
		t.Error("the browser's output reached the screen")
	}

	h.m.s.open = func(string) error { return open.ErrRemote }
	h.press("o")
	h.wantView("SSH")
	h.m.s.open = func(string) error { return errors.New("no browser") }
	h.press("o")
	h.wantView("no browser; open the Link URL")
}

func TestFirstScreenShowsRecentFetches(t *testing.T) {
	log := &history.Log{Dir: t.TempDir()}
	req := mesh.NewRequest(mesh.UsePayment, "buyer-77")
	tok := &mesh.LinkToken{ReceivedAt: fixedNow.Add(-time.Minute), ExpiresAt: fixedNow.Add(9 * time.Minute)}
	log.Append(history.NewEntry(history.Fetch{Time: fixedNow.Add(-time.Hour), Environment: mesh.EnvSandbox, Request: req,
		Err: &mesh.APIError{StatusCode: 400, ErrorType: "invalidField"}}))
	log.Append(history.NewEntry(history.Fetch{Time: fixedNow.Add(-2 * time.Minute), Environment: mesh.EnvDemo, Request: req, Token: tok, InProcessDemo: true}))
	log.Append(history.NewEntry(history.Fetch{Time: fixedNow.Add(-time.Minute), Environment: mesh.EnvDemo, Request: req, Token: tok}))

	h := newHarness(t, func(o *Options) { o.History = log })
	h.send(tea.WindowSizeMsg{Width: 80, Height: 30})
	h.wantView("Recent fetches", "11:59 demo       payment        buyer-77     valid until 12:09",
		"11:58 demo       payment        buyer-77     in-process demo ended",
		"11:00 sandbox    payment        buyer-77     failed: HTTP 400 invalidField")
	checkFrame(t, h.view(), 80, 30)

	// On 80×24 the newest takes the line under the question.
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.wantView("What should the link token do?\nlast: 11:59 demo       payment        buyer-77     valid until 12:09")
	if strings.Contains(h.view(), "Recent fetches") {
		t.Error("the recent block squeezed onto 80×24")
	}
	checkFrame(t, h.view(), 80, 24)

	// At 60×20 it is said whole, without the columns' spaces (it ended "in-proce…").
	h.send(tea.WindowSizeMsg{Width: 60, Height: 20})
	h.wantView("last: 11:59 demo payment buyer-77 valid until 12:09")
	checkFrame(t, h.view(), 60, 20)

	// The fetches of the wizard itself are recorded by the client Connect
	// gives (ui/cli tests that); without a history nothing is shown.
	h3 := newHarness(t)
	if strings.Contains(h3.view(), "Recent fetches") {
		t.Error("recent fetches without a history")
	}
}

// The history is a file anyone could edit: what it says is shown, never obeyed.
func TestRecentFetchesStayInert(t *testing.T) {
	e := history.Entry{Time: fixedNow, Environment: "demo\x1b]0;owned\x07", UseCase: "payment\x1b[2J", UserID: "u1", Status: 400, ErrorType: "invalid\x1b[31mField"}
	line := describeFetch(e, fixedNow)
	if strings.ContainsAny(line, "\x1b\x07") {
		t.Errorf("escape sequences in %q", line)
	}
}

// A pay link meshlink refused shows as refused, with the reason, and o, w,
// p, the QR code on screen and the paylink code never use it.
func TestResultNeverUsesARefusedPayLink(t *testing.T) {
	const hostile = "https://pay.meshconnect.com@evil.example/x"
	var fake *httptest.Server
	fake = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		link := base64.StdEncoding.EncodeToString([]byte(fake.URL + "/demo/x"))
		json.NewEncoder(w).Encode(map[string]any{"status": "ok", "content": map[string]string{"linkToken": link, "paymentLink": hostile}})
	}))
	defer fake.Close()
	dir := t.TempDir()
	h := newHarness(t, func(o *Options) { o.QRDir = dir })
	h.connect = func(tg mesh.Target) (*mesh.Client, error) {
		env, c := tg.Env, tg.Credentials
		return &mesh.Client{BaseURL: fake.URL, Env: env, Credentials: c, TrustedLinkOrigins: []string{fake.URL}, MaxAttempts: 1, Now: func() time.Time { return fixedNow }}, nil
	}
	var opened []string
	h.m.s.open = func(link string) error { opened = append(opened, link); return nil }
	r := toResult(h)
	if r.token.PayLinkRefused == "" {
		t.Fatalf("the pay link was not refused: %+v", r.token)
	}
	h.send(tea.WindowSizeMsg{Width: 120, Height: 70})
	h.wantView("holds a user name before @", "was refused", "refused (see the warning above): not opened, drawn or copied")
	if v := h.view(); strings.Contains(v, "QR code of") || strings.Contains(v, "o open in browser") {
		t.Errorf("a refused pay link is offered or drawn:\n%s", v)
	}
	for _, k := range []string{"o", "w", "p"} {
		h.press(k)
		if !strings.Contains(h.m.s.status.text, "nothing done: the pay link") {
			t.Errorf("%s: status %q", k, h.m.s.status.text)
		}
	}
	h.press("x")
	for range 7 {
		h.press("down")
	}
	h.press("enter")
	if !strings.Contains(h.m.s.status.text, "no paylink code: the pay link") {
		t.Errorf("paylink code: status %q", h.m.s.status.text)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(opened) > 0 || len(h.copied) > 0 || len(files) > 0 {
		t.Errorf("opened %q, copied %q, wrote %v", opened, h.copied, files)
	}
}

package wizard

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/ui/try"
)

// pageAt plays the page that opens at address: it posts callbacks as the
// page's script does, one after another.
func pageAt(t *testing.T, address string, bodies ...string) {
	u, err := url.Parse(address)
	if err != nil {
		t.Error(err)
		return
	}
	for _, body := range bodies {
		req, _ := http.NewRequest(http.MethodPost, address+"/events", strings.NewReader(body))
		req.Header.Set("Origin", u.Scheme+"://"+u.Host)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Error(err)
			return
		}
		res.Body.Close()
	}
}

func TestResultTryShowsTheCallbacksLive(t *testing.T) {
	h := newHarness(t, func(o *Options) { o.TryAddr = "127.0.0.1:0" })
	toResult(h)
	h.press("?")
	h.wantView("t try Link in the browser")
	h.press("?")
	opened := make(chan string, 1)
	h.m.s.open = func(page string) error {
		opened <- page
		go pageAt(t, page,
			`{"notice":"sdkLoaded"}`,
			`{"callback":"event","payload":{"type":"pageLoaded"}}`,
			`{"callback":"integrationConnected","payload":{"accessToken":{"brokerName":"Binance \u001b[31m\u202e","accountTokens":[{"accessToken":"SECRET-AT"}]}}}`,
			`{"callback":"transferFinished","payload":{"status":"success","amount":10,"symbol":"USDC","networkName":"Base","transferId":"t-1"}}`,
			`{"callback":"exit","payload":{"errorMessage":null,"summary":{"page":"transferExecutedPage"}}}`)
		return nil
	}
	h.press("t")
	h.wantScreen("Link in your browser")
	page := <-opened
	h.wantView("opened "+page, "integration connected  Binance", "1 account", "transfer finished  success · 10 USDC · on Base · transferId t-1",
		"exit  no error · summary page transferExecutedPage", "the Deposit goal was reached")
	view := h.view()
	if strings.Contains(view, "SECRET") || strings.ContainsAny(view, "\x1b\u202e") {
		t.Errorf("the screen shows a secret or a raw escape:\n%q", view)
	}
	h.press("esc")
	h.wantScreen("Token")
	if res, err := http.Get(page); err == nil {
		res.Body.Close()
		t.Error("the page is still served after esc")
	}
}

func TestResultTrySaysWhenThePageCannotBeServed(t *testing.T) {
	h := newHarness(t, func(o *Options) { o.TryAddr = "192.0.2.1:6374" })
	toResult(h)
	h.press("t")
	h.wantScreen("Link in your browser")
	h.wantView("the page cannot be served", "loopback", "esc back to the token")
	h.press("esc")
	h.wantScreen("Token")
}

// The result screen's next line offers t beside o and w, on the same line
// at 80 columns, while the token still opens Link, and not once it has
// expired.
func TestResultNextLineOffersTryWhileTheTokenOpensLink(t *testing.T) {
	now := fixedNow
	h := newHarness(t, func(o *Options) { o.Now = func() time.Time { return now } })
	r := toResult(h)
	h.wantView("w QR code as PNG · t try Link\n")
	now = now.Add(11 * time.Minute)
	h.send(tickMsg{id: r.tickID})
	h.wantView("expired at")
	if strings.Contains(h.view(), "t try Link") {
		t.Errorf("an expired token is offered to try:\n%s", h.view())
	}
}

// A token through --base-url (a proxy to Mesh) opens Mesh's Link, which
// refuses an origin not allow-listed: the notes say which to add, as for
// sandbox; the demo server's Link needs none.
func TestTryNotesSayWhichOriginToAllowList(t *testing.T) {
	srv, err := try.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	meshTok := &mesh.LinkToken{LinkURL: "https://sandbox-web.meshconnect.com/b2b-iframe/x"}
	demoTok := &mesh.LinkToken{LinkURL: "http://127.0.0.1:8080/demo/b2b-iframe/x"}
	for _, c := range []struct {
		env  mesh.Environment
		tok  *mesh.LinkToken
		want bool
	}{{mesh.EnvSandbox, meshTok, true}, {mesh.EnvCustom, meshTok, true}, {mesh.EnvDemo, demoTok, false}, {mesh.EnvCustom, demoTok, false}} {
		notes := strings.Join(tryNotes(srv, c.env, c.tok, nil), "\n")
		if got := strings.Contains(notes, "add "+srv.Origin+" in Mesh's dashboard"); got != c.want {
			t.Errorf("%s, %s: allow-list note %v, want %v:\n%s", c.env, c.tok.LinkURL, got, c.want, notes)
		}
	}
}

// pageOpened is the accessible mode's terminal: once it prints the page's
// address, the page plays bodies.
type pageOpened struct {
	t      *testing.T
	mu     sync.Mutex
	buf    strings.Builder
	bodies []string
	played bool
}

var openedPage = regexp.MustCompile(`opened (http://\S+/try/[0-9a-f]+) in your browser`)

func (p *pageOpened) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.buf.Write(b)
	if m := openedPage.FindStringSubmatch(p.buf.String()); m != nil && !p.played {
		p.played = true
		go pageAt(p.t, m[1], p.bodies...)
	}
	return len(b), nil
}

func (p *pageOpened) String() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.buf.String()
}

// --accessible, when the page cannot load the SDK, says what to do, as the
// screen and `meshlink try` do.
func TestTryAccessibleSaysWhatToDoWithoutTheSDK(t *testing.T) {
	out := &pageOpened{t: t, bodies: []string{`{"notice":"sdkFailed","detail":"Failed to fetch dynamically imported module"}`}}
	a := &accessible{ctx: context.Background(), out: out, o: Options{TryAddr: "127.0.0.1:0", Getenv: func(k string) string {
		if k == "BROWSER" {
			return "true"
		}
		return ""
	}}}
	tok := &mesh.LinkToken{Token: "dG9rZW4=", LinkURL: "http://127.0.0.1:8080/demo/b2b-iframe/x"}
	if err := tryAccessible(context.Background(), a, tok, mesh.EnvDemo, mesh.UseWithdrawal); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"could not load Mesh's web SDK", "npx esbuild @meshconnect/web-link-sdk", "meshlink try --sdk mesh-link-sdk.js"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

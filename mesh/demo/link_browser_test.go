package demo_test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/input"
	"github.com/go-rod/rod/lib/launcher"
	"github.com/go-rod/rod/lib/utils"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/mesh/demo"
)

// needChromium returns Chromium's path. Without it the test skips, except
// under CI=true, where .ci/run installs it and a skip would hide a check.
func needChromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is not installed, and CI must run this test: apt-get install chromium")
	}
	t.Skip("skipped: chromium is not installed (apt-get install chromium)")
	return ""
}

// browser starts a headless Chromium with a fresh profile.
func browser(t *testing.T) *rod.Browser {
	t.Helper()
	l := launcher.New().Bin(needChromium(t)).Headless(true).NoSandbox(true).Leakless(false).
		UserDataDir(t.TempDir()).Set("disable-gpu").Set("disable-component-update").Set("disable-sync")
	u, err := l.Launch()
	if err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	t.Cleanup(l.Cleanup)
	t.Cleanup(l.Kill)
	b := rod.New().ControlURL(u)
	if err := b.Connect(); err != nil {
		t.Fatalf("connect to chromium: %v", err)
	}
	t.Cleanup(func() { _ = b.Close() })
	return b
}

// hostPage opens Link's URL in an iframe, as Mesh's SDK does, from another
// origin, and records every message the frame posts (window.got). On
// loaded it answers as the SDK does, with meshSDKSpecs; ?close=1 then
// asks Link to close (closeRequested).
const hostPage = `<!doctype html><meta charset="utf-8"><title>host</title>
<script>
const q = new URLSearchParams(location.search);
const link = q.get('link'), linkOrigin = new URL(link).origin;
window.got = [];
const frame = document.createElement('iframe');
frame.src = link;
frame.width = 520;
frame.height = 900;
addEventListener('message', e => {
  if (e.source !== frame.contentWindow) return;
  got.push({origin: e.origin, data: e.data});
  if (e.data && e.data.type === 'loaded') {
    frame.contentWindow.postMessage({type: 'meshSDKSpecs', payload: {platform: 'web', version: '3.12.0\u202e<b id="injected">', origin: location.origin}}, linkOrigin);
    if (q.get('close')) frame.contentWindow.postMessage({type: 'closeRequested'}, linkOrigin);
  }
});
addEventListener('DOMContentLoaded', () => document.body.append(frame));
</script><body></body>`

// quickly looks again soon for what a step shows: rod's default backs off
// to a second between looks.
func quickly() utils.Sleeper {
	return utils.BackoffSleeper(10*time.Millisecond, 100*time.Millisecond, nil)
}

type posted struct {
	Origin string
	Data   demo.Message
}

func (p posted) payload(t *testing.T, v any) {
	t.Helper()
	b, _ := json.Marshal(p.Data.Payload)
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatal(err)
	}
}

// A person drives the stand-in by clicks and typing, in a real browser:
// a deposit that verifies the wallet first, with hostile text in every
// value the page shows.
func TestLinkPageInABrowser(t *testing.T) {
	b := browser(t)
	s := start(t)
	host := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, hostPage)
	}))
	defer host.Close()
	openHost := func(token string, query string) (*rod.Page, *rod.Page) {
		t.Helper()
		raw, _ := base64.StdEncoding.DecodeString(token)
		page := b.MustPage(host.URL + "/?link=" + url.QueryEscape(string(raw)) + query).Timeout(90 * time.Second).Sleeper(quickly)
		return page, page.MustElement("iframe").MustFrame()
	}
	messages := func(page *rod.Page, until string) []posted {
		t.Helper()
		page.MustWait(`() => got.some(m => m.data.type === ` + fmt.Sprintf("%q", until) + `)`)
		var got []posted
		if err := json.Unmarshal([]byte(page.MustEval(`() => JSON.stringify(got)`).Str()), &got); err != nil {
			t.Fatal(err)
		}
		for _, m := range got {
			if m.Origin != s.URL {
				t.Errorf("%s came from %s, want the token's Link origin %s", m.Data.Type, m.Origin, s.URL)
			}
		}
		return got
	}
	typesOf := func(got []posted) string {
		var ts []string
		for _, m := range got {
			ts = append(ts, m.Data.Type)
		}
		return strings.Join(ts, " ")
	}

	r := mesh.NewRequest(mesh.UseDepositVerify, `u1</script><b id="injected">"x`)
	r.TransferOptions.TransactionID = `t\-1<!--'`
	r.TransferOptions.ToAddresses = []mesh.ToAddress{{NetworkID: solanaID, Symbol: "USDC", Address: "So1ana1111111111111111111111111111111111111", MinAmount: "10"}}
	r.VerifyWalletOptions.Message = "sign \u202e</script><img src=x id=injected>"
	r.VerifyWalletOptions.Addresses = []string{`0xabc"><img src=x id=injected>`}

	err := rod.Try(func() {
		page, link := openHost(issue(t, s, r), "")
		link.MustElementR("h1", "Verify your wallet")
		if about := link.MustElement("#about").MustText(); about != `Deposit + verify for user u1</script><b id="injected">"x, transaction t\-1<!--'` {
			t.Errorf("about line %q", about)
		}
		if row := link.MustElement("td").MustText(); row != `sign \u202e</script><img src=x id=injected>` {
			t.Errorf("the message is shown as %q, want its bidi override escaped", row)
		}
		if sdk := link.MustElementR("footer", "Opened by").MustText(); sdk != `Opened by Mesh web SDK 3.12.0\u202e<b id="injected"> (web) on `+host.URL {
			t.Errorf("the SDK's version is shown as %q", sdk)
		}
		link.MustElementR("option", `0xabc"><img`)
		link.MustElementR("button", "^Sign$").MustClick()

		link.MustElementR("button", "^Coinbase$").MustClick()
		link.MustElementR("h1", "Sign in to Coinbase")
		link.MustElement("#field-username").MustInput("Mesh")
		link.MustElement("#field-password").MustInput("pass123")
		link.MustElementR("button", "^Sign in$").MustClick()
		link.MustElementR(".error", "password Pass123")
		link.MustElement("#field-password").MustSelectAllText().MustInput("Pass123")
		link.MustElementR("button", "^Sign in$").MustClick()

		link.MustElementR("h1", "Enter the code")
		link.MustElement("#field-code").MustInput("123456").MustType(input.Enter)

		link.MustElementR("h1", "Send from Coinbase")
		amount := link.MustElement("#field-amount")
		if v := amount.MustProperty("value").Str(); v != "10" {
			t.Errorf("the amount starts at %q, want the minimum 10", v)
		}
		amount.MustSelectAllText().MustInput("12.5")
		link.MustElementR("button", "^Preview$").MustClick()
		link.MustElementR("h1", "Review the transfer")
		link.MustElementR("td", `^12\.5 USDC \(\$12\.50\)$`)
		link.MustElementR("button", "^Confirm$").MustClick()
		link.MustElementR("h1", "Transfer sent")
		link.MustElementR("button", "^Done$").MustClick()
		link.MustElementR("h1", "Link closed")

		if link.MustHas("#injected") || page.MustHas("#injected") {
			t.Error("a value became markup")
		}
		got := messages(page, "done")
		want := "loaded walletMessageSigned integrationSelected integrationConnectionError credentialsEntered integrationMfaRequired integrationMfaEntered brokerageAccountAccessToken transferStarted transferAssetSelected transferNetworkSelected transferAmountEntered transferPreviewed transferExecuted transferFinished done"
		if typesOf(got) != want {
			t.Fatalf("posted:\n %s\nwant\n %s", typesOf(got), want)
		}
		var fin demo.TransferFinishedPayload
		got[len(got)-2].payload(t, &fin)
		books := s.Books.Transfers()
		if len(books) != 1 || fin.TransferID != books[0].ID || fin.ClientTransactionID != `t\-1<!--'` || fin.UserID != r.UserID || fin.Amount != 12.5 {
			t.Errorf("transferFinished %+v, books %+v", fin, books)
		}
		var sum demo.SessionSummary
		got[len(got)-1].payload(t, &sum)
		if sum.Page != demo.PageExecuted || sum.ErrorMessage != "" {
			t.Errorf("done %+v", sum)
		}
	})
	if err != nil {
		t.Fatal(err)
	}

	// The SDK's closeRequested closes Link; the token, used, then shows
	// Link's error, and the person closes it.
	err = rod.Try(func() {
		token := issue(t, s, linkRequest(mesh.UseWithdrawal))
		page, _ := openHost(token, "&close=1")
		if got := messages(page, "close"); typesOf(got) != "loaded close" {
			t.Errorf("closeRequested: %s", typesOf(got))
		}
		page, link := openHost(token, "")
		link.MustElementR("p", "Link token already used")
		link.MustElementR("button", "^Close$").MustClick()
		got := messages(page, "close")
		var sum demo.SessionSummary
		got[len(got)-1].payload(t, &sum)
		if typesOf(got) != "loaded close" || !strings.HasPrefix(sum.ErrorMessage, "Link token already used") {
			t.Errorf("a reused token: %s %+v", typesOf(got), sum)
		}
	})
	if err != nil {
		t.Fatal(err)
	}

	// Under a script the page plays itself.
	call(t, s, "POST", "/demo/link/autoplay", `{"script":"transfer-succeeds"}`)
	err = rod.Try(func() {
		page, _ := openHost(issue(t, s, linkRequest(mesh.UsePayment)), "")
		if got := typesOf(messages(page, "done")); got != succeeded {
			t.Errorf("autoplay posted:\n %s\nwant\n %s", got, succeeded)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
}

package try

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/meshlink/meshlink/mesh"
)

func startServer(t *testing.T) *Server {
	t.Helper()
	s, err := Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Start(Page{Token: "aHR0cDovLzEyNy4wLjAuMToxL2xpbms=", LinkURL: "http://127.0.0.1:1/link"}); err != nil {
		t.Fatal(err)
	}
	return s
}

// post sends body to the event endpoint as the page would, changed by edit.
func post(t *testing.T, s *Server, body string, edit func(*http.Request)) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.URL+"/events", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", s.Origin)
	if edit != nil {
		edit(req)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode
}

func next(t *testing.T, s *Server) Update {
	t.Helper()
	select {
	case u := <-s.Updates():
		return u
	case <-time.After(10 * time.Second):
		t.Fatal("no update came")
	}
	return Update{}
}

func TestEventEndpointTakesThePagesCallbacksInOrder(t *testing.T) {
	s := startServer(t)
	for i, body := range []string{
		`{"callback":"event","at":1,"payload":{"type":"pageLoaded"}}`,
		`{"callback":"integrationConnected","payload":{"accessToken":{"brokerName":"Binance","accountTokens":[{"account":{"accountId":"a"},"accessToken":"AT-secret","refreshToken":"RT-secret","tokenId":"TID-secret"}]}}}`,
		`{"callback":"exit","payload":{"errorMessage":null,"summary":{"page":"integrationConnectedPage"}}}`,
	} {
		if code := post(t, s, body, nil); code != http.StatusNoContent {
			t.Fatalf("event %d: HTTP %d", i, code)
		}
	}
	var got []string
	for range 3 {
		u := next(t, s)
		if u.Event == nil {
			t.Fatalf("a notice came: %+v", u.Notice)
		}
		got = append(got, string(u.Event.Callback))
		if strings.Contains(string(u.Event.Payload), "secret") {
			t.Errorf("a secret passed: %s", u.Event.Payload)
		}
	}
	if strings.Join(got, ",") != "event,integrationConnected,exit" {
		t.Errorf("callbacks = %v", got)
	}
}

func TestEventEndpointRefusesWhatIsNotThisPage(t *testing.T) {
	cases := []struct {
		name   string
		url    func(*Server) string
		edit   func(*http.Request)
		body   string
		want   int
		reason string
	}{
		{"without the nonce", func(s *Server) string { return s.Origin + "/try/events" }, nil, `{"callback":"exit"}`, http.StatusForbidden, "secret"},
		{"with another run's nonce", func(s *Server) string { return s.Origin + "/try/" + strings.Repeat("0", 32) + "/events" }, nil, `{"callback":"exit"}`, http.StatusForbidden, "secret"},
		{"from another origin", nil, func(r *http.Request) { r.Header.Set("Origin", "https://evil.example") }, `{"callback":"exit"}`, http.StatusForbidden, "evil.example"},
		{"from no page", nil, func(r *http.Request) { r.Header.Del("Origin") }, `{"callback":"exit"}`, http.StatusForbidden, "no Origin"},
		{"for another host (DNS rebinding)", nil, func(r *http.Request) {
			r.Host = "evil.example:" + r.URL.Port()
			r.Header.Set("Origin", "http://"+r.Host)
		}, `{"callback":"exit"}`, http.StatusMisdirectedRequest, "evil.example"},
		{"oversized", nil, nil, `{"callback":"event","payload":"` + strings.Repeat("x", MaxEventBytes) + `"}`, http.StatusRequestEntityTooLarge, "at most"},
		{"not JSON", nil, nil, `<html>`, http.StatusBadRequest, "not JSON"},
		{"of no known kind", nil, nil, `{"callback":"onSuccess"}`, http.StatusBadRequest, "no kind"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := startServer(t)
			req, _ := http.NewRequest(http.MethodPost, s.URL+"/events", strings.NewReader(c.body))
			if c.url != nil {
				req, _ = http.NewRequest(http.MethodPost, c.url(s), strings.NewReader(c.body))
			}
			req.Header.Set("Origin", s.Origin)
			if c.edit != nil {
				c.edit(req)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != c.want {
				t.Errorf("HTTP %d, want %d", res.StatusCode, c.want)
			}
			u := next(t, s)
			if u.Notice == nil || u.Notice.Kind != Refused || !strings.Contains(u.Notice.Detail, c.reason) {
				t.Errorf("update = %+v %+v, want a refusal naming %q", u.Event, u.Notice, c.reason)
			}
			select {
			case u := <-s.Updates():
				if u.Event != nil {
					t.Errorf("a refused request became a callback: %+v", u.Event)
				}
			default:
			}
		})
	}
}

func TestEventEndpointSaysOnceWhenFlooded(t *testing.T) {
	s := startServer(t)
	for i := range MaxEvents + 20 {
		code := post(t, s, `{"callback":"event","payload":{"type":"pageLoaded"}}`, nil)
		if want := http.StatusNoContent; i >= MaxEvents {
			want = http.StatusTooManyRequests
			if code != want {
				t.Fatalf("event %d: HTTP %d, want %d", i, code, want)
			}
		}
	}
	events, tooMany := 0, 0
	for len(s.Updates()) > 0 {
		u := <-s.Updates()
		switch {
		case u.Event != nil:
			events++
		case u.Notice.Kind == TooMany:
			tooMany++
		}
	}
	if events != MaxEvents || tooMany != 1 {
		t.Errorf("%d events and %d notices of too many, want %d and 1", events, tooMany, MaxEvents)
	}
}

func TestPageIsServedOnlyWithItsNonceAndFromLoopback(t *testing.T) {
	s := startServer(t)
	res, err := http.Get(s.URL)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(string(body), "@meshconnect/web-link-sdk") {
		t.Fatalf("the page: HTTP %d\n%s", res.StatusCode, body)
	}
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'nonce-") || !strings.Contains(csp, "https://cdn.jsdelivr.net") {
		t.Errorf("Content-Security-Policy = %q", csp)
	}
	res, err = http.Get(s.Origin + "/try/" + strings.Repeat("a", 32))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("another nonce: HTTP %d", res.StatusCode)
	}
}

func TestListenRefusesAnAddressOffThisMachine(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:6374", "192.0.2.1:6374", "example.com:80", "6374"} {
		if s, err := Listen(addr); err == nil {
			s.Close()
			t.Errorf("Listen(%q) listened", addr)
		}
	}
}

func TestListenSaysWhenThePortIsTaken(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	_, err = Listen(l.Addr().String())
	if err == nil || !strings.Contains(err.Error(), "in use") || !strings.Contains(err.Error(), "--addr") {
		t.Errorf("err = %v", err)
	}
}

func TestPageEscapesWhatItEmbeds(t *testing.T) {
	hostile := `</script><script>alert(1)</script>`
	page, err := renderPage(Page{Token: hostile, SDK: SDK{URL: "https://cdn.example/" + hostile}}, "n0nce", "http://127.0.0.1:1/try/x")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(page), "<script>alert") {
		t.Errorf("the page holds the value as markup:\n%s", page)
	}
	// every value reaches the DOM as text
	if strings.Contains(pageScript, "innerHTML") || strings.Contains(pageScript, "insertAdjacentHTML") || strings.Contains(pageScript, "document.write") {
		t.Error("the page's script writes markup")
	}
}

func TestMaskSecretsKeepsTheRestAsTheSDKWroteIt(t *testing.T) {
	in := `{"z":1,"accessToken":{"accountTokens":[{"accessToken":"AT","refreshToken":"","tokenId":"TID","n":1.50}]},"delayedAuth":{"refreshToken":"RT"},"a":[true,null,"x"]}`
	got, err := maskSecrets([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"z":1,"accessToken":{"accountTokens":[{"accessToken":"[masked]","refreshToken":"","tokenId":"[masked]","n":1.50}]},"delayedAuth":{"refreshToken":"[masked]"},"a":[true,null,"x"]}`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	// a secret in another shape than the SDK's types promise is masked too
	got, err = maskSecrets([]byte(`{"tokenId":12345678,"refreshToken":["RT",{"x":"y"}],"accessToken":{"accessToken":"AT"}}`))
	if want := `{"tokenId":"[masked]","refreshToken":["[masked]",{"x":"y"}],"accessToken":{"accessToken":"[masked]"}}`; err != nil || string(got) != want {
		t.Errorf("got  %s (%v)\nwant %s", got, err, want)
	}
	deep := strings.Repeat("[", 100) + strings.Repeat("]", 100)
	if _, err := maskSecrets([]byte(deep)); err == nil {
		t.Error("a payload 100 levels deep was taken")
	}
}

func TestWatchEndsAsTheUseCaseSays(t *testing.T) {
	ev := func(cb Callback, payload string) Update {
		return Update{Event: &Event{Callback: cb, Payload: json.RawMessage(payload)}}
	}
	connected := ev(IntegrationConnected, `{"accessToken":{"brokerName":"B","accountTokens":[]}}`)
	success := ev(TransferFinished, `{"status":"success","amount":1,"symbol":"USDC"}`)
	verified := ev(OnEvent, `{"type":"walletMessageSigned","payload":{"isVerified":true}}`)
	exit := ev(Exit, `{"errorMessage":null,"summary":{"page":"x"}}`)
	exitErr := ev(Exit, `{"errorMessage":"Link token expired","summary":null}`)
	cases := []struct {
		useCase string
		updates []Update
		end     End
		reached bool
	}{
		{"deposit", []Update{connected, success, exit}, LinkClosed, true},
		{"deposit", []Update{connected, exit}, LinkClosed, false},
		{"payment", []Update{exitErr}, LinkClosed, false},
		{"withdrawal", []Update{connected, exit}, LinkClosed, true},
		{"verify", []Update{verified, exit}, LinkClosed, true},
		{"verify", []Update{ev(OnEvent, `{"type":"walletMessageSigned","payload":{"isVerified":false}}`), exit}, LinkClosed, false},
		{"payment+verify", []Update{success, exit}, LinkClosed, false},
		{"payment+verify", []Update{verified, success, exit}, LinkClosed, true},
		{"", []Update{connected, exit}, LinkClosed, true},
		{"deposit", []Update{{Notice: &Notice{Kind: SDKFailed, Detail: "offline"}}}, NoSDK, false},
		{"deposit", []Update{connected, {Notice: &Notice{Kind: PageClosed}}}, PageGone, false},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s_%d", c.useCase, len(c.updates)), func(t *testing.T) {
			ch := make(chan Update, len(c.updates))
			for _, u := range c.updates {
				ch <- u
			}
			var g Goal
			if c.useCase != "" {
				g.UseCase = mustUseCase(t, c.useCase)
			}
			o := Watch(context.Background(), ch, g, 0, nil)
			if o.End != c.end || o.Reached != c.reached {
				t.Errorf("end %s, reached %v; want %s, %v (%s)", o.End, o.Reached, c.end, c.reached, o.Summary())
			}
		})
	}
}

func TestWatchStopsOnCancelAndTimeout(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if o := Watch(ctx, make(chan Update), Goal{}, 0, nil); o.End != Interrupted {
		t.Errorf("cancelled: %s", o.End)
	}
	if o := Watch(context.Background(), make(chan Update), Goal{}, time.Nanosecond, nil); o.End != TimedOut || !strings.Contains(o.Summary(), "--timeout") {
		t.Errorf("timed out: %s, %q", o.End, o.Summary())
	}
}

// Link's error message ends a sentence of its own; the summary goes on after
// it without a stray full stop ("…session.; the Deposit goal").
func TestSummaryJoinsLinksErrorCleanly(t *testing.T) {
	o := Outcome{Goal: Goal{UseCase: mesh.UseDeposit}, End: LinkClosed}
	o.ExitError = "Link token already used: fetch a new token for each session."
	if got := o.Summary(); strings.Contains(got, ".;") || !strings.Contains(got, "each session; the Deposit goal") {
		t.Errorf("summary %q", got)
	}
}

package try

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/mesh/snippet"
)

func mustUseCase(t *testing.T, s string) mesh.UseCase {
	t.Helper()
	u, err := mesh.ParseUseCase(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestPrinterTextAndJSONSayTheSame(t *testing.T) {
	at := time.Date(2027, 3, 1, 12, 0, 1, 234_000_000, time.UTC)
	cases := []struct {
		e    Event
		text string
	}{
		{Event{Callback: IntegrationConnected, Payload: json.RawMessage(`{"accessToken":{"brokerName":"Binance","accountTokens":[{},{}]}}`)}, "integration connected  Binance, 2 accounts"},
		{Event{Callback: IntegrationConnected, Payload: json.RawMessage(`{"delayedAuth":{"brokerType":"robinhood","refreshToken":"[masked]"}}`)}, "integration connected  robinhood (delayed authentication)"},
		{Event{Callback: TransferFinished, Payload: json.RawMessage(`{"status":"success","amount":10.50,"symbol":"USDC","networkName":"Base","txHash":"0xabc","transferId":"t-1","clientTransactionId":"order-42"}`)},
			"transfer finished  success · 10.50 USDC · on Base · txHash 0xabc · transferId t-1 · clientTransactionId order-42"},
		{Event{Callback: Exit, Payload: json.RawMessage(`{"errorMessage":"Invalid link token!","summary":null}`)}, "exit  error: Invalid link token!"},
		{Event{Callback: Exit, Payload: json.RawMessage(`{"errorMessage":null,"summary":{"page":"transferExecutedPage"}}`)}, "exit  no error · summary page transferExecutedPage"},
		{Event{Callback: OnEvent, Payload: json.RawMessage(`{"type":"transferStarted","payload":{"integrationName":"Binance"}}`)}, "event  transferStarted"},
		{Event{Callback: OnEvent, Payload: json.RawMessage(`"not an object"`)}, "event  (no type)"},
	}
	for _, c := range cases {
		c.e.At = at
		if got := Describe(c.e); got != c.text {
			t.Errorf("Describe = %q\n      want %q", got, c.text)
		}
		var b bytes.Buffer
		if err := (Printer{W: &b, JSON: true}).Print(c.e); err != nil {
			t.Fatal(err)
		}
		var back struct {
			Event   string          `json:"event"`
			At      string          `json:"at"`
			Payload json.RawMessage `json:"payload"`
		}
		if err := json.Unmarshal(b.Bytes(), &back); err != nil || strings.Count(b.String(), "\n") != 1 {
			t.Fatalf("not one JSON line: %q (%v)", b.String(), err)
		}
		if back.Event != string(c.e.Callback) || back.At != "2027-03-01T12:00:01.234Z" || string(back.Payload) != string(c.e.Payload) {
			t.Errorf("JSON = %s", b.String())
		}
	}
}

func TestSDKHashesCoverEveryFileOfThePinnedPackage(t *testing.T) {
	m := SDK{}.importMap("")
	base := DefaultCDN + "/npm/" + SDKPackage + "@" + snippet.WebSDKVersion + "/"
	if m.Imports[SDKPackage] != base+"index.js" || m.Integrity[base+"index.js"] == "" {
		t.Errorf("import map: %+v", m)
	}
	if m.Imports[base+"utils/popup"] != base+"utils/popup.js" {
		t.Error("the SDK's extensionless imports are not mapped to its files")
	}
	for u := range m.Integrity {
		if !strings.HasPrefix(u, base) {
			t.Errorf("an integrity hash for %s, outside the SDK", u)
		}
	}
	web, err := snippet.Render(snippet.Web, snippet.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(web, SDKPackage+" "+snippet.WebSDKVersion) {
		t.Errorf("the web snippet names another version than the page loads (%s)", snippet.WebSDKVersion)
	}
}

package cli

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/meshlink/meshlink/mesh"
)

func TestFlagForPath(t *testing.T) {
	for path, want := range map[string]string{
		"userId":                                   "--user-id",
		"transferOptions.toAddresses[3].amount":    "--to NETWORK:SYMBOL:ADDRESS:AMOUNT",
		"transferOptions.toAddresses[0].minAmount": "--to NETWORK:SYMBOL:ADDRESS,minAmount=…",
		"transferOptions.toAddresses":              "--to " + mesh.DestinationForm,
		"verifyWalletOptions.addresses[1]":         "--verify-address",
		"subClientId":                              "--set subClientId=…",
		"accessTokens[0].accessToken":              "--set accessTokens[0].accessToken=…",
	} {
		if got := flagForPath(path); got != want {
			t.Errorf("flagForPath(%q) = %q, want %q", path, got, want)
		}
	}
}

// The hints follow mesh's field table: a flag for a path the table does
// not have would never be shown.
func TestFieldFlagsAreFieldsOfTheTable(t *testing.T) {
	for path := range fieldFlags {
		if f, ok := mesh.FieldAt(path); !ok || f.Path != path {
			t.Errorf("fieldFlags names %s, which is not a path of mesh.Fields", path)
		}
	}
}

func TestTokenJSONHasEveryKeyAlways(t *testing.T) {
	app, out, errb := testApp(t)
	app.HTTPClient = &http.Client{} // the in-process demo server, on loopback
	if err := Execute(context.Background(), app, []string{"token", "--use-case", "withdrawal", "--user-id", "u1", "--json"}); err != nil {
		t.Fatalf("%v\n%s", err, errb)
	}
	var got map[string]any
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"linkToken", "paymentLink", "linkUrl", "expiresAt", "environment", "transactionId", "warning"} {
		v, ok := got[key]
		if !ok {
			t.Errorf("no %q in %s", key, out)
		}
		if key == "paymentLink" || key == "transactionId" || key == "warning" {
			if v != nil {
				t.Errorf("%s = %v, want null for a withdrawal", key, v)
			}
		}
	}
}

func TestUserAgentCarriesTheVersion(t *testing.T) {
	agents := make(chan string, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		agents <- r.UserAgent()
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"status":"ok","content":{"linkToken":"aHR0cDovLzEyNy4wLjAuMS9saW5r"}}`)
	}))
	defer srv.Close()
	app, _, errb := testApp(t, withCreds...)
	app.HTTPClient, app.Version = srv.Client(), "v1.4.0"
	err := Execute(context.Background(), app, []string{"token", "--base-url", srv.URL, "--use-case", "withdrawal", "--user-id", "u1"})
	if err != nil {
		t.Fatalf("%v\n%s", err, errb)
	}
	if got := <-agents; got != "meshlink/v1.4.0" {
		t.Errorf("User-Agent %q, want meshlink/v1.4.0", got)
	}
}

// --quiet silences notes, not what was refused: a pay link meshlink will not
// show is still said, with the reason, or a quiet script would see a token
// and no word of the pay link it asked for.
func TestQuietStillSaysThePayLinkWasRefused(t *testing.T) {
	token := base64.StdEncoding.EncodeToString([]byte("https://sandbox-web.meshconnect.com/b2b-iframe/x/broker-connect?auth_code=a"))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"status":"ok","content":{"linkToken":%q,"paymentLink":"https://pay.meshconnect.com@evil.example/x"}}`, token)
	}))
	defer srv.Close()
	app, out, errb := testApp(t, withCreds...)
	app.HTTPClient = srv.Client()
	err := Execute(context.Background(), app, []string{"token", "-q", "--base-url", srv.URL, "--use-case", "payment", "--user-id", "u1",
		"--transaction-id", "tx-1", "--pay-link", "--to", "base:USDC:0x71C7656EC7ab88b098defB751B7401B5f6d8976F:1"})
	if err != nil {
		t.Fatalf("%v\n%s", err, errb)
	}
	if strings.TrimSpace(out.String()) != token {
		t.Errorf("stdout %q, want the token", out)
	}
	if !strings.Contains(errb.String(), "warning: the pay link") || !strings.Contains(errb.String(), "was refused") {
		t.Errorf("-q hid the refused pay link; stderr: %q", errb)
	}
	if strings.Contains(errb.String(), "fetching") {
		t.Errorf("-q printed notes: %q", errb)
	}
}

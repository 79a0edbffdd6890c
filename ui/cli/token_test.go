package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
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

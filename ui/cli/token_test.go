package cli

import (
	"context"
	"encoding/json"
	"net/http"
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

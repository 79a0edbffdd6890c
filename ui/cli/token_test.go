package cli

import (
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

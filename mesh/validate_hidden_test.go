package mesh_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/meshlink/meshlink/mesh"
)

// Control and bidirectional characters in a value that names something are
// refused with the field's path: "0x…\u202e…" reads as one address and is
// another.
func TestValidate_hiddenCharactersInNamesAreErrors(t *testing.T) {
	const to0 = "transferOptions.toAddresses[0]"
	hidden := []string{"\x1b[2J", "\u202e", "\u2066", "\u009b", "\x00", "\r", "\xff"}
	fields := map[string]func(r *mesh.LinkTokenRequest, bad string){
		"userId":                        func(r *mesh.LinkTokenRequest, bad string) { r.UserID = "user" + bad },
		"integrationId":                 func(r *mesh.LinkTokenRequest, bad string) { r.IntegrationID = binanceConnectID + bad },
		"subClientId":                   func(r *mesh.LinkTokenRequest, bad string) { r.SubClientID = bad + binanceConnectID },
		"transferOptions.transactionId": func(r *mesh.LinkTokenRequest, bad string) { r.TransferOptions.TransactionID = "tx" + bad },
		to0 + ".networkId": func(r *mesh.LinkTokenRequest, bad string) {
			r.TransferOptions.ToAddresses[0].NetworkID = solanaID + bad
		},
		to0 + ".symbol": func(r *mesh.LinkTokenRequest, bad string) {
			r.TransferOptions.ToAddresses[0].Symbol = "US" + bad + "DC"
		},
		to0 + ".address":    func(r *mesh.LinkTokenRequest, bad string) { r.TransferOptions.ToAddresses[0].Address = solAddr + bad },
		to0 + ".addressTag": func(r *mesh.LinkTokenRequest, bad string) { r.TransferOptions.ToAddresses[0].AddressTag = "12" + bad },
		"verifyWalletOptions.addresses[0]": func(r *mesh.LinkTokenRequest, bad string) {
			r.VerifyWalletOptions = &mesh.VerifyWalletOptions{VerificationMethods: []mesh.VerificationMethod{mesh.VerifySignedMessage}, Addresses: []string{bad + solAddr}}
		},
		"verifyWalletOptions.networkId": func(r *mesh.LinkTokenRequest, bad string) {
			r.VerifyWalletOptions = &mesh.VerifyWalletOptions{VerificationMethods: []mesh.VerificationMethod{mesh.VerifySignedMessage}, NetworkID: solanaID + bad}
		},
	}
	for path, set := range fields {
		for _, bad := range hidden {
			t.Run(fmt.Sprintf("%s/%q", path, bad), func(t *testing.T) {
				r := validDeposit()
				set(r, bad)
				errs := mesh.Validate(r, mesh.Snapshot()).Errors().At(path)
				if len(errs) != 1 || errs[0].Path != path || !strings.Contains(errs[0].Message, "hidden character") {
					t.Errorf("errors at %s = %v, want one naming the hidden character", path, errs)
				}
				if err := mesh.Validate(r, nil).Err(); err == nil {
					t.Error("the request would be sent")
				}
			})
		}
	}
}

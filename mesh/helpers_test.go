package mesh_test

import (
	"strings"
	"testing"

	"github.com/meshlink/meshlink/mesh"
)

// Real ids from Mesh's guide (seeds/fetch-link-token.md).
const (
	solanaID   = "0291810a-5947-424d-9a59-e88bb33e999d"
	ethereumID = "e3c7fdd8-b1fc-4e51-85ae-bb276e075611"
	baseID     = "aa883b03-120d-477c-a588-37c2afd3ca71"
	bitcoinID  = "03dee5da-7398-428f-9ec2-ab41bcb271da"

	binanceConnectID = "5620bf49-3240-4f85-8b4f-9dd6261597e2"
	phantomID        = "757e703f-a8fe-4dc4-d0ec-08dc6737ad96"

	// A well-formed UUID that no catalog lists.
	unknownID = "11111111-2222-3333-4444-555555555555"

	solAddr = "7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU"
	ethAddr = "0x742d35Cc6634C0532925a3b844Bc454e4438f44e"
	btcAddr = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"
)

// validDeposit is the smallest request that passes validation without a
// single problem: the cases below break it one field at a time.
func validDeposit() *mesh.LinkTokenRequest {
	r := mesh.NewRequest(mesh.UseDeposit, "user-8f2c1b")
	r.TransferOptions.TransactionID = "dep-0001"
	r.TransferOptions.ToAddresses = []mesh.ToAddress{{NetworkID: solanaID, Symbol: "USDC", Address: solAddr}}
	return r
}

// validPayment pays 99.99 USDC on three networks or 0.00141 BTC.
func validPayment() *mesh.LinkTokenRequest {
	r := mesh.NewRequest(mesh.UsePayment, "user-8f2c1b")
	r.TransferOptions.TransactionID = "pay-0001"
	r.TransferOptions.ToAddresses = []mesh.ToAddress{
		{NetworkID: solanaID, Symbol: "USDC", Address: solAddr, Amount: mesh.MustDecimal("99.99")},
		{NetworkID: ethereumID, Symbol: "USDC", Address: ethAddr, Amount: mesh.MustDecimal("99.99")},
		{NetworkID: bitcoinID, Symbol: "BTC", Address: btcAddr, Amount: mesh.MustDecimal("0.00141"), DisplayAmountInFiat: mesh.MustDecimal("99.99")},
	}
	return r
}

// validVerify asks to verify one Solana address.
func validVerify() *mesh.LinkTokenRequest {
	r := mesh.NewRequest(mesh.UseVerify, "user-8f2c1b")
	r.VerifyWalletOptions.Message = "Sign to prove you own this wallet"
	r.VerifyWalletOptions.NetworkID = solanaID
	r.VerifyWalletOptions.Addresses = []string{solAddr}
	return r
}

// More networks of the snapshot.
const (
	xrplID = "0ea47ee7-9d36-460e-a2d5-64cfa8a1dddd"
	tonID  = "3d71a957-740b-4195-a437-389d171f21bb"
)

// wantErr fails t unless err is an error whose message holds every one of
// wants.
func wantErr(t *testing.T, err error, wants ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want one saying %q", wants)
	}
	for _, w := range wants {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not say %q", err, w)
		}
	}
}

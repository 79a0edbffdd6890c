package mesh_test

import (
	"bytes"
	"encoding/json"
	"github.com/charmbracelet/x/exp/golden"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/meshlink/meshlink/mesh"
)

// goldenRequest builds, for each use case, the body Mesh's guide shows for
// it, with real network and integration ids and realistic values.
func goldenRequest(u mesh.UseCase) *mesh.LinkTokenRequest {
	r := mesh.NewRequest(u, "user-8f2c1b")
	deposit := []mesh.ToAddress{
		{NetworkID: solanaID, Symbol: "USDC", Address: solAddr},
		{NetworkID: ethereumID, Symbol: "USDC", Address: ethAddr},
		{NetworkID: baseID, Symbol: "USDC", Address: ethAddr},
	}
	payment := []mesh.ToAddress{
		{NetworkID: solanaID, Symbol: "USDC", Address: solAddr, Amount: mesh.MustDecimal("99.99")},
		{NetworkID: ethereumID, Symbol: "USDC", Address: ethAddr, Amount: mesh.MustDecimal("99.99")},
		{NetworkID: baseID, Symbol: "USDC", Address: ethAddr, Amount: mesh.MustDecimal("99.99")},
		{NetworkID: bitcoinID, Symbol: "BTC", Address: btcAddr, Amount: mesh.MustDecimal("0.00141"), DisplayAmountInFiat: mesh.MustDecimal("99.99")},
	}
	switch u.TransferType() {
	case mesh.TransferDeposit:
		r.TransferOptions.TransactionID = "dep-2026-0001"
		r.TransferOptions.ToAddresses = deposit
	case mesh.TransferPayment:
		r.TransferOptions.TransactionID = "order-2026-0042"
		r.TransferOptions.ToAddresses = payment
	case mesh.TransferOnramp:
		r.IntegrationID = binanceConnectID
		r.TransferOptions.TransactionID = "ramp-2026-0007"
		r.TransferOptions.AmountInFiat = mesh.MustDecimal("100.00")
		r.TransferOptions.ToAddresses = []mesh.ToAddress{{NetworkID: solanaID, Symbol: "USDC", Address: solAddr}}
	}
	if u.Verifies() {
		r.VerifyWalletOptions.Message = "Sign this message to prove you own this wallet."
		if u == mesh.UseVerify {
			r.IntegrationID = phantomID
			r.VerifyWalletOptions.NetworkID = solanaID
			r.VerifyWalletOptions.Addresses = []string{solAddr}
		} else {
			r.VerifyWalletOptions.NetworkID = ethereumID
			r.VerifyWalletOptions.Addresses = []string{ethAddr}
		}
	}
	return r
}

func goldenName(u mesh.UseCase) string { return strings.ReplaceAll(string(u), "+", "-") }

func TestGoldenBodies(t *testing.T) {
	for _, u := range mesh.UseCases {
		t.Run(goldenName(u), func(t *testing.T) {
			r := goldenRequest(u)
			if ps := mesh.Validate(r, mesh.Snapshot()); len(ps) > 0 {
				t.Fatalf("the golden %s request has problems:\n%s", u, dump(ps))
			}
			got, err := json.MarshalIndent(r, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden.RequireEqual(t, got) // testdata/TestGoldenBodies/<use case>.golden; -update rewrites
			want := got
			// What the client sends and previews show is the golden body too.
			if sent, err := mesh.EncodeBody(r); err != nil || !bytes.Equal(sent, want) {
				t.Errorf("EncodeBody differs from the golden body (err %v):\n%s", err, sent)
			}
			if bytes.Contains(got, []byte("null")) {
				t.Errorf("body holds a null; Mesh's schema forbids them:\n%s", got)
			}

			// The golden file reads back into the same request.
			var back mesh.LinkTokenRequest
			dec := json.NewDecoder(bytes.NewReader(want))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&back); err != nil {
				t.Fatalf("golden does not decode: %v", err)
			}
			again, _ := json.MarshalIndent(&back, "", "  ")
			if !bytes.Equal(append(again, '\n'), want) {
				t.Errorf("golden does not survive a decode/encode round trip:\n%s", again)
			}
			if UseCaseOf := mesh.UseCaseOf(&back); UseCaseOf != u {
				t.Errorf("UseCaseOf(golden) = %s, want %s", UseCaseOf, u)
			}
		})
	}
}

// The golden files hold the digits exactly as the guide writes them.
func TestGoldenBodies_amountsAsWritten(t *testing.T) {
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join("testdata", "TestGoldenBodies", name+".golden"))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	payment := read("payment")
	for _, s := range []string{`"amount": 99.99`, `"amount": 0.00141`, `"displayAmountInFiat": 99.99`} {
		if !strings.Contains(payment, s) {
			t.Errorf("payment.json lacks %s", s)
		}
	}
	if onramp := read("onramp"); !strings.Contains(onramp, `"amountInFiat": 100.00,`) {
		t.Errorf("onramp.json lacks \"amountInFiat\": 100.00")
	}
	if w := read("withdrawal"); w != "{\n  \"userId\": \"user-8f2c1b\",\n  \"restrictMultipleAccounts\": true\n}\n" {
		t.Errorf("withdrawal.json holds more than userId and restrictMultipleAccounts:\n%s", w)
	}
}

// Keys come out in the order of Mesh's guide, so a body reads like the docs.
func TestLinkTokenRequest_keyOrder(t *testing.T) {
	r := &mesh.LinkTokenRequest{
		UserID:                   "u",
		RestrictMultipleAccounts: mesh.Bool(true),
		IntegrationID:            binanceConnectID,
		TransferOptions: &mesh.TransferOptions{
			TransactionID: "t", TransferType: mesh.TransferOnramp, AmountInFiat: "1",
			IsInclusiveFeeEnabled: mesh.Bool(true), GeneratePayLink: mesh.Bool(false), ClientFee: "0.1",
			FundingOptions: &mesh.FundingOptions{Enabled: true},
			ToAddresses: []mesh.ToAddress{{
				NetworkID: solanaID, Symbol: "USDC", Address: "a", Amount: "1", DisplayAmountInFiat: "2",
				AddressTag: "tag", MinAmount: "3", MinAmountInFiat: "4",
			}},
		},
		VerifyWalletOptions: &mesh.VerifyWalletOptions{
			VerificationMethods: []mesh.VerificationMethod{mesh.VerifySignedMessage},
			Message:             "m", NetworkID: solanaID, NetworkType: "solana", Addresses: []string{"a"},
		},
		AccessTokens:            []mesh.AccessToken{{AccountID: "i", AccountName: "n", AccessToken: "t", BrokerType: "b", BrokerName: "bn"}},
		DisableAPIKeyGeneration: mesh.Bool(true),
		SubClientID:             unknownID,
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	order := []string{
		`"userId"`, `"restrictMultipleAccounts"`, `"integrationId"`, `"transferOptions"`,
		`"transactionId"`, `"transferType"`, `"amountInFiat"`, `"isInclusiveFeeEnabled"`, `"generatePayLink"`,
		`"clientFee"`, `"fundingOptions"`, `"enabled"`, `"toAddresses"`,
		`"networkId"`, `"symbol"`, `"address"`, `"amount"`, `"displayAmountInFiat"`, `"addressTag"`, `"minAmount"`, `"minAmountInFiat"`,
		`"verifyWalletOptions"`, `"verificationMethods"`, `"message"`, `"networkId"`, `"networkType"`, `"addresses"`,
		`"accessTokens"`, `"accountId"`, `"accountName"`, `"accessToken"`, `"brokerType"`, `"brokerName"`,
		`"disableApiKeyGeneration"`, `"subClientId"`,
	}
	s, at := string(b), 0
	for _, k := range order {
		i := strings.Index(s[at:], k+":")
		if i < 0 {
			t.Fatalf("key %s missing or out of order after offset %d in\n%s", k, at, s)
		}
		at += i + len(k)
	}
}

func TestLinkTokenRequest_sendsOnlyWhatIsSet(t *testing.T) {
	tests := []struct {
		name string
		v    any
		want string
	}{
		{"bare_request", &mesh.LinkTokenRequest{UserID: "u"}, `{"userId":"u"}`},
		{"false_is_sent_when_set", &mesh.LinkTokenRequest{UserID: "u", RestrictMultipleAccounts: mesh.Bool(false)}, `{"userId":"u","restrictMultipleAccounts":false}`},
		{"empty_transferOptions", &mesh.TransferOptions{}, `{}`},
		{"empty_toAddress", mesh.ToAddress{}, `{}`},
		{"empty_verifyWalletOptions", &mesh.VerifyWalletOptions{}, `{}`},
		{"fundingOptions_disabled_says_so", &mesh.FundingOptions{}, `{"enabled":false}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.v)
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tt.want {
				t.Errorf("got %s, want %s", b, tt.want)
			}
		})
	}
}

func TestNewRequest_defaults(t *testing.T) {
	tests := []struct {
		use           mesh.UseCase
		transferType  mesh.TransferType // "" means no transferOptions
		inclusiveFee  bool
		verifyOptions bool
	}{
		{mesh.UseDeposit, mesh.TransferDeposit, false, false},
		{mesh.UsePayment, mesh.TransferPayment, false, false},
		{mesh.UseOnramp, mesh.TransferOnramp, true, false},
		{mesh.UseWithdrawal, "", false, false},
		{mesh.UseVerify, "", false, true},
		{mesh.UseDepositVerify, mesh.TransferDeposit, false, true},
		{mesh.UsePaymentVerify, mesh.TransferPayment, false, true},
	}
	if len(tests) != len(mesh.UseCases) {
		t.Fatalf("test covers %d use cases, mesh.UseCases has %d", len(tests), len(mesh.UseCases))
	}
	for _, tt := range tests {
		t.Run(string(tt.use), func(t *testing.T) {
			r := mesh.NewRequest(tt.use, "u-1")
			if r.UserID != "u-1" {
				t.Errorf("UserID = %q", r.UserID)
			}
			if r.RestrictMultipleAccounts == nil || !*r.RestrictMultipleAccounts {
				t.Error("restrictMultipleAccounts is not true")
			}
			if r.IntegrationID != "" || r.AccessTokens != nil || r.DisableAPIKeyGeneration != nil || r.SubClientID != "" {
				t.Errorf("optional top-level fields are set: %+v", r)
			}
			to := r.TransferOptions
			switch {
			case tt.transferType == "" && to != nil:
				t.Errorf("transferOptions = %+v, want none", to)
			case tt.transferType != "" && to == nil:
				t.Fatal("transferOptions missing")
			case to != nil:
				if to.TransferType != tt.transferType {
					t.Errorf("transferType = %q, want %q", to.TransferType, tt.transferType)
				}
				if to.IsInclusiveFeeEnabled == nil || *to.IsInclusiveFeeEnabled != tt.inclusiveFee {
					t.Errorf("isInclusiveFeeEnabled = %v, want %v", to.IsInclusiveFeeEnabled, tt.inclusiveFee)
				}
				if to.GeneratePayLink == nil || *to.GeneratePayLink {
					t.Errorf("generatePayLink = %v, want false", to.GeneratePayLink)
				}
				if to.TransactionID != "" || to.AmountInFiat != "" || to.ClientFee != "" || to.FundingOptions != nil || to.ToAddresses != nil {
					t.Errorf("transferOptions sets more than the defaults: %+v", to)
				}
			}
			v := r.VerifyWalletOptions
			if (v != nil) != tt.verifyOptions {
				t.Fatalf("verifyWalletOptions = %+v, want present=%v", v, tt.verifyOptions)
			}
			if v != nil && (len(v.VerificationMethods) != 1 || v.VerificationMethods[0] != mesh.VerifySignedMessage) {
				t.Errorf("verificationMethods = %v, want [signedMessage]", v.VerificationMethods)
			}
		})
	}
}

func TestUseCaseOf_NewRequest(t *testing.T) {
	for _, u := range mesh.UseCases {
		if got := mesh.UseCaseOf(mesh.NewRequest(u, "u")); got != u {
			t.Errorf("UseCaseOf(NewRequest(%s)) = %s", u, got)
		}
	}
}

func TestUseCaseOf_readsMeshDefaults(t *testing.T) {
	r := &mesh.LinkTokenRequest{UserID: "u", TransferOptions: &mesh.TransferOptions{}}
	if got := mesh.UseCaseOf(r); got != mesh.UseDeposit {
		t.Errorf("transferOptions without transferType = %s, want deposit (Mesh's default)", got)
	}
	r.VerifyWalletOptions = &mesh.VerifyWalletOptions{}
	if got := mesh.UseCaseOf(r); got != mesh.UseDepositVerify {
		t.Errorf("with verifyWalletOptions = %s, want deposit+verify", got)
	}
}

func TestParseUseCase(t *testing.T) {
	tests := map[string]mesh.UseCase{
		"deposit": mesh.UseDeposit, "PAYMENT": mesh.UsePayment, " onramp ": mesh.UseOnramp,
		"withdrawal": mesh.UseWithdrawal, "withdraw": mesh.UseWithdrawal, "verify": mesh.UseVerify,
		"deposit+verify": mesh.UseDepositVerify, "deposit-verify": mesh.UseDepositVerify, "verify+deposit": mesh.UseDepositVerify,
		"Payment_Verify": mesh.UsePaymentVerify, "verify-payment": mesh.UsePaymentVerify,
	}
	for in, want := range tests {
		got, err := mesh.ParseUseCase(in)
		if err != nil || got != want {
			t.Errorf("ParseUseCase(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	_, err := mesh.ParseUseCase("refund")
	if err == nil || !strings.Contains(err.Error(), "deposit, payment, onramp, withdrawal, verify, deposit+verify, payment+verify") {
		t.Errorf("ParseUseCase(refund) error = %v, want the list of use cases", err)
	}
}

func TestUseCase_TitleAndSummary(t *testing.T) {
	for _, u := range mesh.UseCases {
		if u.Title() == "" || u.Summary() == "" {
			t.Errorf("%s has no title or summary", u)
		}
	}
	if got := mesh.UseDepositVerify.Title(); got != "Deposit + verify" {
		t.Errorf("Title = %q", got)
	}
}

func TestEncodeBody_keepsTextAsTyped(t *testing.T) {
	r := validVerify()
	r.VerifyWalletOptions.Message = "Terms & <conditions> apply"
	b, err := mesh.EncodeBody(r)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(`"message": "Terms & <conditions> apply"`)) {
		t.Errorf("message not sent as typed:\n%s", b)
	}
	if !bytes.HasSuffix(b, []byte("}\n")) || bytes.Count(b, []byte("\n")) < 5 {
		t.Errorf("body is not indented JSON ending in a newline:\n%q", b)
	}
	var back mesh.LinkTokenRequest
	if err := json.Unmarshal(b, &back); err != nil || back.VerifyWalletOptions.Message != r.VerifyWalletOptions.Message {
		t.Errorf("body does not decode back: %v", err)
	}
}

func TestEncodeBody_refusesBadAmount(t *testing.T) {
	r := validPayment()
	r.TransferOptions.ToAddresses[0].Amount = "12,5"
	if b, err := mesh.EncodeBody(r); err == nil {
		t.Errorf("EncodeBody sent an amount that is not a number:\n%s", b)
	}
}

func TestCurlCommand(t *testing.T) {
	r := validVerify()
	r.VerifyWalletOptions.Message = "It's mine"
	got, err := mesh.CurlCommand("https://sandbox-integration-api.meshconnect.com/", r)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{
		"curl --request POST \\\n",
		"  --url 'https://sandbox-integration-api.meshconnect.com/api/v1/linktoken' \\\n",
		`  --header "X-Client-Id: $MESH_CLIENT_ID" \`,
		`  --header "X-Client-Secret: $MESH_CLIENT_SECRET" \`,
		`"message": "It'\''s mine"`,
	} {
		if !strings.Contains(got, s) {
			t.Errorf("curl command lacks %q:\n%s", s, got)
		}
	}
	if !strings.HasSuffix(got, "}'\n") {
		t.Errorf("curl command does not end with the quoted body:\n%s", got)
	}
}

// The demo's curl works as pasted without keys: the demo server takes any
// X-Client-Id and X-Client-Secret, but refuses empty ones.
func TestTargetCurlCommand_demoWorksWithoutKeys(t *testing.T) {
	r := mesh.NewRequest(mesh.UseWithdrawal, "u1")
	for _, tt := range []struct {
		target mesh.Target
		env    []string
		want   []string
	}{
		{mesh.TargetFor(mesh.EnvDemo, mesh.Credentials{}), nil, []string{"X-Client-Id: demo", "X-Client-Secret: demo"}},
		{mesh.TargetFor(mesh.EnvDemo, mesh.Credentials{}), []string{"MESH_CLIENT_ID=mine", "MESH_CLIENT_SECRET=s"}, []string{"X-Client-Id: mine", "X-Client-Secret: s"}},
		{mesh.TargetFor(mesh.EnvSandbox, mesh.Credentials{}), nil, []string{"X-Client-Id: ", "X-Client-Secret: "}},
	} {
		curl, err := tt.target.CurlCommand(r)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(curl, "'"+tt.target.CurlBaseURL()+mesh.PathLinkToken+"'") {
			t.Errorf("%s: curl does not post to %s:\n%s", tt.target.Env, tt.target.CurlBaseURL(), curl)
		}
		// the shell expands the headers as it would for curl
		sh := exec.Command("/bin/sh", "-c", "curl() { for a; do printf '%s\\n' \"$a\"; done; }\n"+curl)
		sh.Env = tt.env
		out, err := sh.Output()
		if err != nil {
			t.Fatalf("%s: sh: %v", tt.target.Env, err)
		}
		for _, w := range tt.want {
			if !slices.Contains(strings.Split(string(out), "\n"), w) {
				t.Errorf("%s with %v: no header %q in\n%s", tt.target.Env, tt.env, w, out)
			}
		}
	}
}

package mesh_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/meshlink/meshlink/mesh"
)

// want is one expected Problem: its exact path and severity, and words of
// its message that tell the user what to do.
type want struct {
	path string
	sev  mesh.Severity
	says string
}

func errAt(path, says string) want  { return want{path, mesh.SeverityError, says} }
func warnAt(path, says string) want { return want{path, mesh.SeverityWarning, says} }

func checkProblems(t *testing.T, got mesh.Problems, wants ...want) {
	t.Helper()
	if len(got) != len(wants) {
		t.Fatalf("got %d problems, want %d:\n%s", len(got), len(wants), dump(got))
	}
	for i, w := range wants {
		p := got[i]
		if p.Path != w.path || p.Severity != w.sev {
			t.Errorf("problem %d = %s (severity %d), want path %q severity %d\nall:\n%s", i, p, p.Severity, w.path, w.sev, dump(got))
			continue
		}
		if !strings.Contains(p.Message, w.says) {
			t.Errorf("problem %d message %q does not say %q", i, p.Message, w.says)
		}
	}
}

func dump(ps mesh.Problems) string {
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, "  [%d] %s\n", p.Severity, p)
	}
	return b.String()
}

func TestValidate(t *testing.T) {
	const (
		to0 = "transferOptions.toAddresses[0]"
		vw  = "verifyWalletOptions"
	)
	cat := mesh.Snapshot()
	tests := []struct {
		name  string
		req   func() *mesh.LinkTokenRequest
		noCat bool // validate without a catalog
		wants []want
	}{
		{"valid_deposit_has_no_problems", validDeposit, false, nil},
		{"valid_payment_has_no_problems", validPayment, false, nil},
		{"valid_verify_has_no_problems", validVerify, false, nil},
		{"withdrawal_is_just_a_user", func() *mesh.LinkTokenRequest { return mesh.NewRequest(mesh.UseWithdrawal, "u-1") }, false, nil},
		{"nil_request", func() *mesh.LinkTokenRequest { return nil }, false, []want{errAt("", "empty")}},

		// userId
		{"userId_missing", func() *mesh.LinkTokenRequest { r := validDeposit(); r.UserID = ""; return r }, false,
			[]want{errAt("userId", "required: a unique, persistent id")}},
		{"userId_blank", func() *mesh.LinkTokenRequest { r := validDeposit(); r.UserID = "  \t"; return r }, false,
			[]want{errAt("userId", "required")}},
		{"userId_over_300_chars", func() *mesh.LinkTokenRequest { r := validDeposit(); r.UserID = strings.Repeat("u", 301); return r }, false,
			[]want{errAt("userId", "is 301 characters; Mesh allows at most 300")}},
		{"userId_300_chars_is_fine", func() *mesh.LinkTokenRequest { r := validDeposit(); r.UserID = strings.Repeat("u", 300); return r }, false, nil},
		{"userId_300_multibyte_chars_is_fine", func() *mesh.LinkTokenRequest { r := validDeposit(); r.UserID = strings.Repeat("é", 300); return r }, false, nil},
		{"userId_email_warns", func() *mesh.LinkTokenRequest { r := validDeposit(); r.UserID = "jane.doe@example.com"; return r }, false,
			[]want{warnAt("userId", "looks like an e-mail address; Mesh asks for an id that is not personal")}},
		{"userId_phone_warns", func() *mesh.LinkTokenRequest { r := validDeposit(); r.UserID = "+1 555 123 4567"; return r }, false,
			[]want{warnAt("userId", "looks like a phone number")}},
		{"userId_grouped_phone_warns", func() *mesh.LinkTokenRequest { r := validDeposit(); r.UserID = "(555) 123-4567"; return r }, false,
			[]want{warnAt("userId", "looks like a phone number")}},
		{"userId_short_plus_number_does_not_warn", func() *mesh.LinkTokenRequest { r := validDeposit(); r.UserID = "+12345"; return r }, false, nil},
		{"userId_plain_digits_do_not_warn", func() *mesh.LinkTokenRequest { r := validDeposit(); r.UserID = "10001234"; return r }, false, nil},
		{"userId_uuid_does_not_warn", func() *mesh.LinkTokenRequest { r := validDeposit(); r.UserID = unknownID; return r }, false, nil},

		// toAddresses
		{"toAddress_without_networkId", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.TransferOptions.ToAddresses[0].NetworkID = ""
			return r
		}, false,
			[]want{errAt(to0+".networkId", "required for transfers: the Mesh id of the destination network")}},
		{"toAddress_without_symbol", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.TransferOptions.ToAddresses[0].Symbol = " "
			return r
		}, false,
			[]want{errAt(to0+".symbol", "required for transfers: the asset to receive")}},
		{"toAddress_without_address", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.TransferOptions.ToAddresses[0].Address = ""
			return r
		}, false,
			[]want{errAt(to0+".address", "required for transfers: the destination address")}},
		{"toAddress_networkId_not_uuid", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.TransferOptions.ToAddresses[0].NetworkID = "solana"
			return r
		}, false,
			[]want{errAt(to0+".networkId", `"solana" is not a Mesh network id (a UUID); pick one from the networks catalog`)}},
		{"empty_toAddresses", func() *mesh.LinkTokenRequest { r := validDeposit(); r.TransferOptions.ToAddresses = nil; return r }, false,
			[]want{errAt("transferOptions.toAddresses", "add at least one destination")}},

		// amounts
		{"payment_without_amount", func() *mesh.LinkTokenRequest {
			r := validPayment()
			r.TransferOptions.ToAddresses[2].Amount = ""
			return r
		}, false,
			[]want{errAt("transferOptions.toAddresses[2].amount", "required for payments: the exact amount of BTC to pay")}},
		{"payment_without_amount_or_symbol", func() *mesh.LinkTokenRequest {
			r := validPayment()
			r.TransferOptions.ToAddresses[1].Amount, r.TransferOptions.ToAddresses[1].Symbol = "", ""
			return r
		}, false, []want{
			errAt("transferOptions.toAddresses[1].symbol", "required for transfers"),
			errAt("transferOptions.toAddresses[1].amount", "the exact amount of the asset to pay"),
		}},
		{"deposit_without_amount_is_fine", validDeposit, false, nil},
		{"amount_with_amountInFiat", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.TransferOptions.AmountInFiat = mesh.MustDecimal("100")
			r.TransferOptions.ToAddresses[0].Amount = mesh.MustDecimal("5")
			return r
		}, false, []want{errAt(to0+".amount", "cannot be used together with transferOptions.amountInFiat; keep one of them")}},
		{"zero_amount", func() *mesh.LinkTokenRequest {
			r := validPayment()
			r.TransferOptions.ToAddresses[0].Amount = "0"
			return r
		}, false,
			[]want{errAt(to0+".amount", "must be greater than zero, got 0")}},
		{"negative_amountInFiat", func() *mesh.LinkTokenRequest { r := validDeposit(); r.TransferOptions.AmountInFiat = "-5"; return r }, false,
			[]want{errAt("transferOptions.amountInFiat", "must be greater than zero, got -5")}},
		{"zero_displayAmountInFiat", func() *mesh.LinkTokenRequest {
			r := validPayment()
			r.TransferOptions.ToAddresses[2].DisplayAmountInFiat = "0.00"
			return r
		}, false,
			[]want{errAt("transferOptions.toAddresses[2].displayAmountInFiat", "must be greater than zero")}},
		{"negative_minAmount", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.TransferOptions.ToAddresses[0].MinAmount = "-1"
			return r
		}, false,
			[]want{errAt(to0+".minAmount", "must be greater than zero")}},
		{"zero_minAmountInFiat", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.TransferOptions.ToAddresses[0].MinAmountInFiat = "0"
			return r
		}, false,
			[]want{errAt(to0+".minAmountInFiat", "must be greater than zero")}},
		{"amount_not_a_number", func() *mesh.LinkTokenRequest {
			r := validPayment()
			r.TransferOptions.ToAddresses[0].Amount = "ten"
			return r
		}, false,
			[]want{errAt(to0+".amount", `"ten" is not a number`)}},

		// transferOptions
		{"generatePayLink_without_transactionId", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.TransferOptions.GeneratePayLink = mesh.Bool(true)
			r.TransferOptions.TransactionID = ""
			return r
		}, false, []want{errAt("transferOptions.transactionId", "required when generatePayLink is true: give a unique id")}},
		{"generatePayLink_with_transactionId_is_fine", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.TransferOptions.GeneratePayLink = mesh.Bool(true)
			return r
		}, false, nil},
		{"transactionId_over_128_chars", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.TransferOptions.TransactionID = strings.Repeat("t", 129)
			return r
		}, false,
			[]want{errAt("transferOptions.transactionId", "is 129 characters; Mesh allows at most 128")}},
		{"transactionId_128_chars_is_fine", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.TransferOptions.TransactionID = strings.Repeat("t", 128)
			return r
		}, false, nil},
		{"bad_transferType", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.TransferOptions.TransferType = "withdraw"
			return r
		}, false,
			[]want{warnAt("transferOptions.transferType", `"withdraw" is not a transfer type meshlink knows (deposit, payment, onramp, fiatOnRamp, fiatOffRamp); it is sent as written`)}},
		{"clientFee_above_one", func() *mesh.LinkTokenRequest { r := validPayment(); r.TransferOptions.ClientFee = "1.5"; return r }, false,
			[]want{errAt("transferOptions.clientFee", "must be a ratio between 0 and 1 (0.025 is 2.5%), got 1.5")}},
		{"clientFee_negative", func() *mesh.LinkTokenRequest { r := validPayment(); r.TransferOptions.ClientFee = "-0.1"; return r }, false,
			[]want{errAt("transferOptions.clientFee", "must be a ratio between 0 and 1")}},
		{"clientFee_not_a_number", func() *mesh.LinkTokenRequest { r := validPayment(); r.TransferOptions.ClientFee = "2.5%"; return r }, false,
			[]want{errAt("transferOptions.clientFee", `"2.5%" is not a number`)}},
		{"clientFee_on_payment_is_fine", func() *mesh.LinkTokenRequest { r := validPayment(); r.TransferOptions.ClientFee = "0.025"; return r }, false, nil},
		{"clientFee_of_one_is_fine", func() *mesh.LinkTokenRequest { r := validPayment(); r.TransferOptions.ClientFee = "1"; return r }, false, nil},
		{"clientFee_on_deposit_warns", func() *mesh.LinkTokenRequest { r := validDeposit(); r.TransferOptions.ClientFee = "0.01"; return r }, false,
			[]want{warnAt("transferOptions.clientFee", "is meant for payments; on a deposit it inflates the amount")}},
		{"clientFee_without_transferType_warns_as_deposit", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.TransferOptions.TransferType = ""
			r.TransferOptions.ClientFee = "0.01"
			return r
		}, false, []want{warnAt("transferOptions.clientFee", "on a deposit")}},

		// verifyWalletOptions
		{"verify_without_verificationMethods", func() *mesh.LinkTokenRequest {
			r := validVerify()
			r.VerifyWalletOptions.VerificationMethods = nil
			return r
		}, false,
			[]want{errAt(vw+".verificationMethods", `required for verification: use ["signedMessage"]`)}},
		{"unknown_verification_method", func() *mesh.LinkTokenRequest {
			r := validVerify()
			r.VerifyWalletOptions.VerificationMethods = []mesh.VerificationMethod{mesh.VerifySignedMessage, "biometric"}
			return r
		}, false, []want{errAt(vw+".verificationMethods[1]", `"biometric" is not a verification method; Mesh offers only signedMessage`)}},
		{"networkId_and_networkType_together", func() *mesh.LinkTokenRequest {
			r := validVerify()
			r.VerifyWalletOptions.NetworkType = "solana"
			return r
		}, false,
			[]want{warnAt(vw+".networkType", "is given together with networkId, which Mesh's guide says not to do (its own verify example does)")}},
		{"bad_networkType", func() *mesh.LinkTokenRequest {
			r := validVerify()
			r.VerifyWalletOptions.NetworkID = ""
			r.VerifyWalletOptions.NetworkType = "ethereum"
			return r
		}, false, []want{errAt(vw+".networkType", `"ethereum" is not a network type; use one of evm, solana`)}},
		// "unknown" is in Mesh's NetworkType enum: the schema accepts it.
		{"networkType_unknown_is_a_warning", func() *mesh.LinkTokenRequest {
			r := validVerify()
			r.VerifyWalletOptions.NetworkID = ""
			r.VerifyWalletOptions.NetworkType = "unknown"
			return r
		}, false, []want{warnAt(vw+".networkType", `"unknown" is in Mesh's schema but names no network type; it is sent as written`)}},
		{"networkType_alone_is_fine", func() *mesh.LinkTokenRequest {
			r := validVerify()
			r.VerifyWalletOptions.NetworkID = ""
			r.VerifyWalletOptions.NetworkType = "evm"
			r.VerifyWalletOptions.Addresses = []string{ethAddr}
			return r
		}, false, nil},
		{"verify_networkId_not_uuid", func() *mesh.LinkTokenRequest {
			r := validVerify()
			r.VerifyWalletOptions.NetworkID = "0291810a"
			return r
		}, false,
			[]want{errAt(vw+".networkId", `"0291810a" is not a Mesh network id`)}},
		{"verify_empty_address", func() *mesh.LinkTokenRequest {
			r := validVerify()
			r.VerifyWalletOptions.Addresses = []string{solAddr, " "}
			return r
		}, false,
			[]want{errAt(vw+".addresses[1]", "is empty; remove it or give an address")}},
		{"verify_with_onramp_warns", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.TransferOptions.TransferType = mesh.TransferOnramp
			r.VerifyWalletOptions = &mesh.VerifyWalletOptions{VerificationMethods: []mesh.VerificationMethod{mesh.VerifySignedMessage}}
			return r
		}, false, []want{warnAt(vw, "together with deposits and payments, not onramps")}},

		// ids
		{"integrationId_not_uuid", func() *mesh.LinkTokenRequest { r := validDeposit(); r.IntegrationID = "binance"; return r }, false,
			[]want{errAt("integrationId", `"binance" is not a Mesh id (a UUID); pick one from the integrations catalog`)}},
		{"subClientId_not_uuid", func() *mesh.LinkTokenRequest { r := validDeposit(); r.SubClientID = "acme"; return r }, false,
			[]want{errAt("subClientId", `"acme" is not a Mesh id (a UUID); use the sub-client id from your Mesh dashboard`)}},
		{"subClientId_uuid_is_fine", func() *mesh.LinkTokenRequest { r := validDeposit(); r.SubClientID = unknownID; return r }, false, nil},
		{"uppercase_uuid_is_fine", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.TransferOptions.ToAddresses[0].NetworkID = strings.ToUpper(solanaID)
			return r
		}, false, nil},

		// catalog
		{"networkId_unknown_to_catalog_warns", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.TransferOptions.ToAddresses[0].NetworkID = unknownID
			return r
		}, false,
			[]want{warnAt(to0+".networkId", unknownID+" is not in the networks catalog; check the id or refresh the catalog")}},
		{"networkId_unknown_without_catalog_is_fine", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.TransferOptions.ToAddresses[0].NetworkID = unknownID
			return r
		}, true, nil},
		{"symbol_not_listed_by_network_warns", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.TransferOptions.ToAddresses[0] = mesh.ToAddress{NetworkID: bitcoinID, Symbol: "USDC", Address: btcAddr}
			return r
		}, false, []want{warnAt(to0+".symbol", "Bitcoin does not list USDC among its tokens (BTC)")}},
		{"symbol_one_edit_from_a_listed_token_is_an_error", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.TransferOptions.ToAddresses[0].Symbol = "USDD"
			return r
		}, false, []want{errAt(to0+".symbol", "Solana does not list USDD among its tokens; did you mean USDC?")}},
		{"symbol_one_letter_short_is_an_error", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.TransferOptions.ToAddresses[0].Symbol = "usd"
			return r
		}, false, []want{errAt(to0+".symbol", "did you mean USDC?")}},
		{"symbol_far_from_every_listed_token_warns", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.TransferOptions.ToAddresses[0].Symbol = "DAI"
			return r
		}, false, []want{warnAt(to0+".symbol", "Solana does not list DAI among its tokens (SOL, USDC")}},
		{"symbol_in_any_case_is_fine", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.TransferOptions.ToAddresses[0].Symbol = "usdc"
			return r
		}, false, nil},
		{"verify_networkId_unknown_to_catalog_warns", func() *mesh.LinkTokenRequest {
			r := validVerify()
			r.VerifyWalletOptions.NetworkID = unknownID
			return r
		}, false,
			[]want{warnAt(vw+".networkId", "is not in the networks catalog")}},
		{"integrationId_unknown_to_catalog_warns", func() *mesh.LinkTokenRequest { r := validDeposit(); r.IntegrationID = unknownID; return r }, false,
			[]want{warnAt("integrationId", unknownID+" is not in the integrations catalog; check the id or refresh the catalog")}},
		{"integrationId_in_catalog_is_fine", func() *mesh.LinkTokenRequest { r := validDeposit(); r.IntegrationID = binanceConnectID; return r }, false, nil},

		// accessTokens
		{"accessTokens_warn", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.AccessTokens = []mesh.AccessToken{{AccountID: "acc-1", AccessToken: "tok"}}
			return r
		}, false, []want{warnAt("accessTokens", "not sent: Mesh's link-token request has no such field; they belong in Mesh's front-end SDK, createLink({accessTokens})")}},
		{"accessToken_without_token", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.AccessTokens = []mesh.AccessToken{{AccessToken: "tok"}, {AccountID: "acc-2"}}
			return r
		}, false, []want{
			errAt("accessTokens[1].accessToken", "required: the token Mesh returned for this account"),
			warnAt("accessTokens", "not sent"),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := cat
			if tt.noCat {
				c = nil
			}
			checkProblems(t, mesh.Validate(tt.req(), c), tt.wants...)
		})
	}
}

// Every problem comes back at once, so the user fixes them in one pass.
func TestValidate_returnsAllProblemsAtOnce(t *testing.T) {
	r := validDeposit()
	r.UserID = ""
	r.IntegrationID = "binance"
	r.TransferOptions.ClientFee = "2"
	r.TransferOptions.ToAddresses[0].Address = ""
	r.VerifyWalletOptions = &mesh.VerifyWalletOptions{}

	ps := mesh.Validate(r, mesh.Snapshot())
	checkProblems(t, ps,
		errAt("userId", "required"),
		errAt("integrationId", "not a Mesh id"),
		errAt("transferOptions.clientFee", "must be a ratio"),
		errAt("transferOptions.toAddresses[0].address", "required"),
		errAt("verifyWalletOptions.verificationMethods", "required"),
	)

	err := ps.Err()
	var ire *mesh.InvalidRequestError
	if !errors.As(err, &ire) {
		t.Fatalf("Err() = %T %v, want *mesh.InvalidRequestError", err, err)
	}
	if len(ire.Problems) != 5 {
		t.Errorf("InvalidRequestError holds %d problems, want 5", len(ire.Problems))
	}
	if !errors.Is(err, mesh.ErrInvalidRequest) {
		t.Error("errors.Is(err, mesh.ErrInvalidRequest) = false")
	}
	msg := err.Error()
	for _, p := range ps {
		if !strings.Contains(msg, p.String()) {
			t.Errorf("Error() does not list %q:\n%s", p, msg)
		}
	}
}

func TestProblems_ErrIgnoresWarnings(t *testing.T) {
	r := validDeposit()
	r.UserID = "jane@example.com"
	r.TransferOptions.ClientFee = "0.01"
	ps := mesh.Validate(r, nil)
	if len(ps.Warnings()) != 2 || len(ps.Errors()) != 0 {
		t.Fatalf("want 2 warnings and no errors, got:\n%s", dump(ps))
	}
	if err := ps.Err(); err != nil {
		t.Errorf("Err() = %v, want nil when there are only warnings", err)
	}
	if errors.Is(errors.New("other"), mesh.ErrInvalidRequest) {
		t.Error("an unrelated error matches ErrInvalidRequest")
	}
}

func TestProblems_At(t *testing.T) {
	r := validPayment()
	r.TransferOptions.ToAddresses[0].Amount = ""
	r.TransferOptions.ToAddresses[1].Address = ""
	r.TransferOptions.TransactionID = strings.Repeat("x", 200)
	ps := mesh.Validate(r, nil)

	tests := []struct {
		path string
		want int
	}{
		{"transferOptions", 3},
		{"transferOptions.toAddresses", 2},
		{"transferOptions.toAddresses[0]", 1},
		{"transferOptions.toAddresses[1].address", 1},
		{"transferOptions.toAddresses[2]", 0},
		{"transferOptions.transactionId", 1},
		{"transfer", 0}, // a prefix of a name is not a parent path
		{"userId", 0},
	}
	for _, tt := range tests {
		if got := ps.At(tt.path); len(got) != tt.want {
			t.Errorf("At(%q) = %d problems, want %d:\n%s", tt.path, len(got), tt.want, dump(got))
		}
	}
}

func TestProblem_String(t *testing.T) {
	if got := (mesh.Problem{Path: "userId", Message: "required"}).String(); got != "userId: required" {
		t.Errorf("got %q", got)
	}
	if got := (mesh.Problem{Message: "the request is empty"}).String(); got != "the request is empty" {
		t.Errorf("got %q", got)
	}
}

func TestIsUUID(t *testing.T) {
	for s, want := range map[string]bool{
		solanaID: true, strings.ToUpper(ethereumID): true, phantomID: true,
		"": false, "0291810a-5947-424d-9a59-e88bb33e999": false, "0291810a5947424d9a59e88bb33e999d": false,
		"{0291810a-5947-424d-9a59-e88bb33e999d}": false, "0291810g-5947-424d-9a59-e88bb33e999d": false,
		" " + solanaID: false,
	} {
		if got := mesh.IsUUID(s); got != want {
			t.Errorf("IsUUID(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestAllowUnlistedTurnsANearSymbolIntoAWarning(t *testing.T) {
	r := validDeposit()
	r.TransferOptions.ToAddresses[0].Symbol = "USDD"
	r.UserID = ""
	ps := mesh.Validate(r, mesh.Snapshot()).AllowUnlisted()
	if errs := ps.Errors(); len(errs) != 1 || errs[0].Path != "userId" {
		t.Errorf("errors = %v, want only userId's", errs)
	}
	if w := ps.Warnings(); len(w) != 1 || !strings.Contains(w[0].Message, "did you mean USDC?") {
		t.Errorf("warnings = %v, want the symbol's", w)
	}
}

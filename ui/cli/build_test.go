package cli

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/meshlink/meshlink/mesh"
)

func encode(t *testing.T, r *mesh.LinkTokenRequest) string {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// flagsChanged is a requestFlags whose changed reports the names given, as
// cobra would for flags on the command line.
func flagsChanged(f requestFlags, names ...string) *requestFlags {
	f.changed = func(name string) bool {
		for _, n := range names {
			if n == name {
				return true
			}
		}
		return false
	}
	return &f
}

func TestBuild(t *testing.T) {
	cases := []struct {
		name  string
		flags *requestFlags
		want  func() *mesh.LinkTokenRequest
	}{
		{"unchanged_bool_flags_leave_the_defaults", flagsChanged(requestFlags{useCase: "withdrawal", userID: "u1", restrictMultiple: false}, "use-case", "user-id"),
			func() *mesh.LinkTokenRequest { return mesh.NewRequest(mesh.UseWithdrawal, "u1") }},
		{"restrict_false", flagsChanged(requestFlags{useCase: "withdrawal", userID: "u1"}, "use-case", "user-id", "restrict-multiple-accounts"),
			func() *mesh.LinkTokenRequest {
				r := mesh.NewRequest(mesh.UseWithdrawal, "u1")
				r.RestrictMultipleAccounts = mesh.Bool(false)
				return r
			}},
		{"transfer_flags", flagsChanged(requestFlags{useCase: "payment", userID: "u1", transactionID: "tx-1", clientFee: "0.025", payLink: true, funding: true,
			to: []string{"solana:USDC:addr:25", "eth:usdc:0xabc:25.50"}},
			"use-case", "user-id", "transaction-id", "client-fee", "pay-link", "funding", "to"),
			func() *mesh.LinkTokenRequest {
				r := mesh.NewRequest(mesh.UsePayment, "u1")
				o := r.TransferOptions
				o.TransactionID, o.ClientFee, o.GeneratePayLink = "tx-1", "0.025", mesh.Bool(true)
				o.FundingOptions = &mesh.FundingOptions{Enabled: true}
				o.ToAddresses = []mesh.ToAddress{
					{NetworkID: solanaID, Symbol: "USDC", Address: "addr", Amount: "25"},
					{NetworkID: ethereumID, Symbol: "USDC", Address: "0xabc", Amount: "25.50"},
				}
				return r
			}},
		{"onramp_by_integration_name", flagsChanged(requestFlags{useCase: "onramp", userID: "u1", integrationID: "binance connect", amountInFiat: "100.00", inclusiveFee: false},
			"use-case", "user-id", "integration-id", "amount-in-fiat", "inclusive-fee"),
			func() *mesh.LinkTokenRequest {
				r := mesh.NewRequest(mesh.UseOnramp, "u1")
				in, _ := snapshot().Integration("Binance Connect")
				r.IntegrationID = in.ID
				r.TransferOptions.AmountInFiat = "100.00"
				r.TransferOptions.IsInclusiveFeeEnabled = mesh.Bool(false)
				return r
			}},
		{"verify_flags", flagsChanged(requestFlags{useCase: "verify", userID: "u1", verifyMessage: "Prove it", verifyNetwork: "sol", verifyNetworkType: "solana",
			verifyAddresses: []string{"a1", "a2"}}, "use-case", "user-id", "verify-message", "verify-network", "verify-network-type", "verify-address"),
			func() *mesh.LinkTokenRequest {
				r := mesh.NewRequest(mesh.UseVerify, "u1")
				v := r.VerifyWalletOptions
				v.Message, v.NetworkID, v.NetworkType, v.Addresses = "Prove it", solanaID, "solana", []string{"a1", "a2"}
				return r
			}},
		{"set_comes_after_the_flags", flagsChanged(requestFlags{useCase: "deposit", userID: "u1", transactionID: "tx-1",
			set: []string{"transferOptions.transactionId=", "subClientId=4a1f0c3e-0000-4000-8000-000000000002"}},
			"use-case", "user-id", "transaction-id", "set"),
			func() *mesh.LinkTokenRequest {
				r := mesh.NewRequest(mesh.UseDeposit, "u1")
				r.SubClientID = "4a1f0c3e-0000-4000-8000-000000000002"
				return r
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := c.flags.build(nil, snapshot(), strings.NewReader(""))
			if err != nil {
				t.Fatal(err)
			}
			if want := c.want(); !reflect.DeepEqual(got, want) {
				t.Errorf("got  %s\nwant %s", encode(t, got), encode(t, want))
			}
		})
	}
}

func TestBuildFromBodyOnStdin(t *testing.T) {
	body := `{"userId":"from-body","transferOptions":{"toAddresses":[{"networkId":"` + solanaID + `","symbol":"USDC","address":"a","amount":0.00141}]}}`
	f := flagsChanged(requestFlags{body: "-", useCase: "deposit", transactionID: "tx-9"}, "body", "use-case", "transaction-id")
	got, err := f.build(nil, snapshot(), strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	want := mesh.NewRequest(mesh.UseDeposit, "from-body")
	want.TransferOptions.TransactionID = "tx-9"
	want.TransferOptions.ToAddresses = []mesh.ToAddress{{NetworkID: solanaID, Symbol: "USDC", Address: "a", Amount: "0.00141"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %s\nwant %s", encode(t, got), encode(t, want))
	}
}

func TestBuildAutoValuesAreFreshEachTime(t *testing.T) {
	f := flagsChanged(requestFlags{useCase: "deposit", userID: autoValue, transactionID: autoValue}, "use-case", "user-id", "transaction-id")
	seen := map[string]bool{}
	for range 2 {
		r, err := f.build(nil, snapshot(), nil)
		if err != nil {
			t.Fatal(err)
		}
		id, ok := strings.CutPrefix(r.UserID, "meshlink-")
		if !ok || !mesh.IsUUID(id) {
			t.Errorf("--user-id auto gave %q, want meshlink-<uuid>", r.UserID)
		}
		if tx := r.TransferOptions.TransactionID; !mesh.IsUUID(tx) {
			t.Errorf("--transaction-id auto gave %q, want a UUID", tx)
		}
		if seen[r.UserID] || seen[r.TransferOptions.TransactionID] {
			t.Errorf("auto repeated a value: %q %q", r.UserID, r.TransferOptions.TransactionID)
		}
		seen[r.UserID], seen[r.TransferOptions.TransactionID] = true, true
	}
}

func TestBuildErrors(t *testing.T) {
	cases := []struct {
		name  string
		base  *mesh.LinkTokenRequest
		flags *requestFlags
		says  []string
	}{
		{"nothing_to_build", nil, flagsChanged(requestFlags{userID: "u1"}, "user-id"),
			[]string{"say what token to build", "--use-case", "deposit, payment, onramp, withdrawal, verify, deposit+verify, payment+verify", "--body FILE"}},
		{"unknown_use_case", nil, flagsChanged(requestFlags{useCase: "refund"}, "use-case"), []string{`unknown use case "refund"`}},
		{"preset_and_body", mesh.NewRequest(mesh.UseDeposit, "u1"), flagsChanged(requestFlags{body: "-"}, "body"),
			[]string{"give --preset or --body, not both"}},
		{"missing_body_file", nil, flagsChanged(requestFlags{body: "/nonexistent/body.json"}, "body"), []string{"read --body", "no such file"}},
		{"to_without_transfer", nil, flagsChanged(requestFlags{useCase: "withdrawal", to: []string{"solana:USDC:a"}}, "use-case", "to"),
			[]string{"--to needs a transfer", "--use-case deposit, payment or onramp"}},
		{"client_fee_without_transfer", nil, flagsChanged(requestFlags{useCase: "verify", clientFee: "0.1"}, "use-case", "client-fee"),
			[]string{"--client-fee needs a transfer"}},
		{"pay_link_false_without_transfer", nil, flagsChanged(requestFlags{useCase: "withdrawal"}, "use-case", "pay-link"),
			[]string{"--pay-link needs a transfer"}},
		{"funding_without_transfer", nil, flagsChanged(requestFlags{useCase: "withdrawal"}, "use-case", "funding"),
			[]string{"--funding needs a transfer"}},
		{"verify_message_without_verify", nil, flagsChanged(requestFlags{useCase: "deposit", verifyMessage: "m"}, "use-case", "verify-message"),
			[]string{"--verify-message needs wallet verification", "--use-case verify, deposit+verify or payment+verify"}},
		{"verify_address_without_verify", nil, flagsChanged(requestFlags{useCase: "withdrawal", verifyAddresses: []string{"a"}}, "use-case", "verify-address"),
			[]string{"--verify-address needs wallet verification"}},
		{"unknown_verify_network", nil, flagsChanged(requestFlags{useCase: "verify", verifyNetwork: "narnia"}, "use-case", "verify-network"),
			[]string{"--verify-network", `no network "narnia"`}},
		{"unknown_integration", nil, flagsChanged(requestFlags{useCase: "onramp", integrationID: "Nowhere Exchange"}, "use-case", "integration-id"),
			[]string{"--integration-id", `no integration "Nowhere Exchange"`}},
		{"bad_amount_in_fiat", nil, flagsChanged(requestFlags{useCase: "onramp", amountInFiat: "$100"}, "use-case", "amount-in-fiat"),
			[]string{"--amount-in-fiat", "not a number"}},
		{"bad_client_fee", nil, flagsChanged(requestFlags{useCase: "payment", clientFee: "2%"}, "use-case", "client-fee"),
			[]string{"--client-fee", "not a number"}},
		{"bad_to", nil, flagsChanged(requestFlags{useCase: "deposit", to: []string{"solana:USDC"}}, "use-case", "to"),
			[]string{`--to "solana:USDC"`}},
		{"bad_set", nil, flagsChanged(requestFlags{useCase: "deposit", set: []string{"userID=x"}}, "use-case", "set"),
			[]string{"--set userID", `did you mean "userId"`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := c.flags.build(c.base, snapshot(), strings.NewReader(`{"userId":"u"}`))
			if err == nil {
				t.Fatalf("built %s, want an error", encode(t, r))
			}
			wantUsage(t, err, c.says...)
		})
	}
}

func TestBuildFromPresetBase(t *testing.T) {
	base := mesh.NewRequest(mesh.UseDeposit, "u1")
	f := flagsChanged(requestFlags{transactionID: "tx-2", userID: "u2"}, "transaction-id", "user-id")
	got, err := f.build(base, snapshot(), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := mesh.NewRequest(mesh.UseDeposit, "u2")
	want.TransferOptions.TransactionID = "tx-2"
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %s\nwant %s", encode(t, got), encode(t, want))
	}
}

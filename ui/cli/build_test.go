package cli

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/meshlink/meshlink/mesh"
)

// toForm is the form every --to error shows.
const toForm = "write NETWORK:SYMBOL:ADDRESS[:AMOUNT]"

func TestParseTo(t *testing.T) {
	cat := snapshot()
	cases := []struct {
		name string
		spec string
		want mesh.ToAddress
	}{
		{"network_symbol_address", "solana:USDC:addr",
			mesh.ToAddress{NetworkID: solanaID, Symbol: "USDC", Address: "addr"}},
		{"symbol_takes_catalog_spelling_and_amount_is_exact", "ethereum:usdc:0xabc:25",
			mesh.ToAddress{NetworkID: ethereumID, Symbol: "USDC", Address: "0xabc", Amount: "25"}},
		{"amount_keeps_its_digits", "ethereum:USDC:0xabc:100.10",
			mesh.ToAddress{NetworkID: ethereumID, Symbol: "USDC", Address: "0xabc", Amount: "100.10"}},
		{"small_amount_keeps_its_digits", "bitcoin:BTC:bc1q:0.00141",
			mesh.ToAddress{NetworkID: bitcoinID, Symbol: "BTC", Address: "bc1q", Amount: "0.00141"}},
		{"extras_after_commas", "xrpl:XRP:rAddr,addressTag=12345,minAmount=10",
			mesh.ToAddress{NetworkID: xrplID, Symbol: "XRP", Address: "rAddr", AddressTag: "12345", MinAmount: "10"}},
		{"amount_and_extras", "xrpl:XRP:rAddr:25,addressTag=12345",
			mesh.ToAddress{NetworkID: xrplID, Symbol: "XRP", Address: "rAddr", Amount: "25", AddressTag: "12345"}},
		{"extra_names_in_any_case_and_with_dashes", "ethereum:USDC:0xabc,display-amount-in-fiat=99.99,MINAMOUNTINFIAT=5,amount=1.5",
			mesh.ToAddress{NetworkID: ethereumID, Symbol: "USDC", Address: "0xabc", DisplayAmountInFiat: "99.99", MinAmountInFiat: "5", Amount: "1.5"}},
		{"tag_and_memo_are_address_tag", "xrpl:XRP:rAddr,memo=77",
			mesh.ToAddress{NetworkID: xrplID, Symbol: "XRP", Address: "rAddr", AddressTag: "77"}},
		{"address_with_colons_is_not_an_amount", "bitcoin:BCH:bitcoincash:qqsomething",
			mesh.ToAddress{NetworkID: bitcoinID, Symbol: "BCH", Address: "bitcoincash:qqsomething"}},
		{"address_with_colons_then_amount", "bitcoin:BCH:bitcoincash:qqsomething:0.5",
			mesh.ToAddress{NetworkID: bitcoinID, Symbol: "BCH", Address: "bitcoincash:qqsomething", Amount: "0.5"}},
		{"network_by_id", solanaID + ":USDC:addr",
			mesh.ToAddress{NetworkID: solanaID, Symbol: "USDC", Address: "addr"}},
		{"network_by_upper_case_id_is_lowered", strings.ToUpper(solanaID) + ":USDC:addr",
			mesh.ToAddress{NetworkID: solanaID, Symbol: "USDC", Address: "addr"}},
		{"network_by_name_in_any_case", "SOLANA:USDC:addr",
			mesh.ToAddress{NetworkID: solanaID, Symbol: "USDC", Address: "addr"}},
		{"alias_eth", "eth:ETH:0xabc", mesh.ToAddress{NetworkID: ethereumID, Symbol: "ETH", Address: "0xabc"}},
		{"alias_sol", "sol:SOL:addr", mesh.ToAddress{NetworkID: solanaID, Symbol: "SOL", Address: "addr"}},
		{"alias_btc_upper_case", "BTC:btc:bc1q", mesh.ToAddress{NetworkID: bitcoinID, Symbol: "BTC", Address: "bc1q"}},
		{"alias_xrp", "xrp:XRP:rAddr", mesh.ToAddress{NetworkID: xrplID, Symbol: "XRP", Address: "rAddr"}},
		{"symbol_unknown_to_the_network_is_upper_cased", "solana:bogus:addr",
			mesh.ToAddress{NetworkID: solanaID, Symbol: "BOGUS", Address: "addr"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := parseTo(c.spec, cat)
			if err != nil {
				t.Fatalf("parseTo(%q): %v", c.spec, err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("parseTo(%q)\n got %+v\nwant %+v", c.spec, got, c.want)
			}
		})
	}
}

func TestParseToKeepsTheCatalogsMixedCaseSymbol(t *testing.T) {
	cat := &mesh.Catalog{Networks: []mesh.Network{{ID: "4a1f0c3e-0000-4000-8000-000000000001", Name: "Testnet", SupportedTokens: []string{"USDt", "ETH"}}}}
	got, err := parseTo("testnet:usdt:addr", cat)
	if err != nil {
		t.Fatal(err)
	}
	if got.Symbol != "USDt" {
		t.Errorf("symbol %q, want the catalog's %q", got.Symbol, "USDt")
	}
}

func TestParseToErrors(t *testing.T) {
	cases := []struct {
		name, spec, says string
	}{
		{"network_only", "solana", "needs a network, a symbol and an address"},
		{"no_address", "solana:USDC", "needs a network, a symbol and an address"},
		{"empty_address", "solana:USDC:", "needs a network, a symbol and an address"},
		{"empty_symbol", "solana::addr", "needs a network, a symbol and an address"},
		{"empty_network", ":USDC:addr", "needs a network, a symbol and an address"},
		{"empty_spec", "", "needs a network, a symbol and an address"},
		{"unknown_network", "narnia:USDC:addr", `no network "narnia" in the catalog`},
		{"unknown_field", "solana:USDC:addr,colour=blue", `unknown field "colour"`},
		{"bad_number", "solana:USDC:addr,minAmount=ten", `minAmount: "ten" is not a number`},
		{"key_without_equals", "xrpl:XRP:rAddr,12345", `"12345" is not field=value`},
		{"key_without_value", "xrpl:XRP:rAddr,addressTag=", `"addressTag=" is not field=value`},
		{"empty_extra", "xrpl:XRP:rAddr,addressTag=1,,minAmount=2", `"" is not field=value`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := parseTo(c.spec, snapshot())
			wantUsage(t, err, c.says, toForm, "--to")
		})
	}
}

// paymentBody is the request every --set case starts from.
func paymentBody() *mesh.LinkTokenRequest {
	r := mesh.NewRequest(mesh.UsePayment, "u1")
	r.TransferOptions.TransactionID = "tx-1"
	r.TransferOptions.ToAddresses = []mesh.ToAddress{{NetworkID: solanaID, Symbol: "USDC", Address: "addr", Amount: "25"}}
	return r
}

func TestSetPath(t *testing.T) {
	cases := []struct {
		name   string
		assign string
		want   func(r *mesh.LinkTokenRequest) // what the assignment does to paymentBody
	}{
		{"top_level_field", "subClientId=4a1f0c3e-0000-4000-8000-000000000002",
			func(r *mesh.LinkTokenRequest) { r.SubClientID = "4a1f0c3e-0000-4000-8000-000000000002" }},
		{"nested_decimal_stays_exact", "transferOptions.clientFee=0.025",
			func(r *mesh.LinkTokenRequest) { r.TransferOptions.ClientFee = "0.025" }},
		{"list_index_makes_the_first_entry", "accessTokens[0].accessToken=x",
			func(r *mesh.LinkTokenRequest) { r.AccessTokens = []mesh.AccessToken{{AccessToken: "x"}} }},
		{"list_index_changes_an_entry", "transferOptions.toAddresses[0].symbol=USDT",
			func(r *mesh.LinkTokenRequest) { r.TransferOptions.ToAddresses[0].Symbol = "USDT" }},
		{"list_index_at_len_appends", "transferOptions.toAddresses[1].address=addr2",
			func(r *mesh.LinkTokenRequest) {
				r.TransferOptions.ToAddresses = append(r.TransferOptions.ToAddresses, mesh.ToAddress{Address: "addr2"})
			}},
		{"list_of_strings", "verifyWalletOptions.addresses[0]=0xabc",
			func(r *mesh.LinkTokenRequest) {
				r.VerifyWalletOptions = &mesh.VerifyWalletOptions{Addresses: []string{"0xabc"}}
			}},
		{"bool", "disableApiKeyGeneration=true",
			func(r *mesh.LinkTokenRequest) { r.DisableAPIKeyGeneration = mesh.Bool(true) }},
		{"bool_false_is_kept", "transferOptions.generatePayLink=false",
			func(r *mesh.LinkTokenRequest) { r.TransferOptions.GeneratePayLink = mesh.Bool(false) }},
		{"number_like_string_stays_a_string", "transferOptions.transactionId=12345",
			func(r *mesh.LinkTokenRequest) { r.TransferOptions.TransactionID = "12345" }},
		{"leading_zeros_stay_a_string", "userId=007",
			func(r *mesh.LinkTokenRequest) { r.UserID = "007" }},
		{"json_string_is_unquoted", `userId="u 3"`,
			func(r *mesh.LinkTokenRequest) { r.UserID = "u 3" }},
		{"json_object", `transferOptions.fundingOptions={"enabled":true}`,
			func(r *mesh.LinkTokenRequest) { r.TransferOptions.FundingOptions = &mesh.FundingOptions{Enabled: true} }},
		{"value_holding_equals", "verifyWalletOptions.message=a=b",
			func(r *mesh.LinkTokenRequest) { r.VerifyWalletOptions = &mesh.VerifyWalletOptions{Message: "a=b"} }},
		{"empty_value_removes_the_field", "transferOptions.generatePayLink=",
			func(r *mesh.LinkTokenRequest) { r.TransferOptions.GeneratePayLink = nil }},
		{"empty_value_removes_an_object", "transferOptions=",
			func(r *mesh.LinkTokenRequest) { r.TransferOptions = nil }},
		{"empty_value_removes_a_list_entry", "transferOptions.toAddresses[0]=",
			func(r *mesh.LinkTokenRequest) { r.TransferOptions.ToAddresses = []mesh.ToAddress{} }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := paymentBody()
			got, err := setPath(in, c.assign)
			if err != nil {
				t.Fatalf("setPath(%q): %v", c.assign, err)
			}
			want := paymentBody()
			c.want(want)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("setPath(%q)\n got %s\nwant %s", c.assign, encode(t, got), encode(t, want))
			}
			if !reflect.DeepEqual(in, paymentBody()) {
				t.Errorf("setPath(%q) changed its input", c.assign)
			}
		})
	}
}

// setPath goes through JSON maps; through float64 the amounts below would
// come back as 100.1, 12345678901234567000 and 1e-07.
func TestSetPathKeepsAmountsAsTyped(t *testing.T) {
	body := func() *mesh.LinkTokenRequest {
		r := paymentBody()
		r.TransferOptions.ToAddresses[0].Amount = "100.10"
		r.TransferOptions.ToAddresses[0].MinAmount = "12345678901234567890.123"
		return r
	}
	cases := []struct {
		name   string
		assign string
		want   func(r *mesh.LinkTokenRequest)
	}{
		{"amounts_already_set_keep_their_digits", "userId=u2",
			func(r *mesh.LinkTokenRequest) { r.UserID = "u2" }},
		{"tiny_value_stays_as_typed", "transferOptions.clientFee=0.0000001",
			func(r *mesh.LinkTokenRequest) { r.TransferOptions.ClientFee = "0.0000001" }},
		{"huge_value_stays_exact", "transferOptions.toAddresses[0].amount=12345678901234567890.5",
			func(r *mesh.LinkTokenRequest) { r.TransferOptions.ToAddresses[0].Amount = "12345678901234567890.5" }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := setPath(body(), c.assign)
			if err != nil {
				t.Fatal(err)
			}
			want := body()
			c.want(want)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("setPath(%q)\n got %s\nwant %s", c.assign, encode(t, got), encode(t, want))
			}
		})
	}
}

// Go's JSON decoder matches field names in any case, so before checkPath
// "userID=x" passed the strict decode and then lost to the body's own
// "userId": the value vanished without a word.
func TestSetPathErrors(t *testing.T) {
	cases := []struct {
		name, assign string
		says         []string
	}{
		{"unknown_field", "foo=1", []string{"--set foo", `no field "foo" in the body`}},
		{"field_in_the_wrong_case", "userID=x", []string{`no field "userID" in the body`, `did you mean "userId"`}},
		{"nested_field_in_the_wrong_case", "transferOptions.clientfee=0.1", []string{`no field "clientfee" in transferOptions`, `did you mean "clientFee"`}},
		{"field_in_a_list_entry_in_the_wrong_case", "transferOptions.toAddresses[0].Amount=1", []string{`no field "Amount" in toAddresses[0]`, `"amount"`}},
		{"unknown_nested_field", "transferOptions.colour=blue", []string{`no field "colour" in transferOptions`}},
		{"field_under_a_value", "userId.first=x", []string{`userId holds a value`}},
		{"index_on_an_object", "transferOptions[0].clientFee=1", []string{"transferOptions is not a list"}},
		{"index_beyond_the_end", "transferOptions.toAddresses[2].address=x", []string{"toAddresses[2]: the list has 1 item; the next one is [1]"}},
		{"index_not_a_number", "transferOptions.toAddresses[x].address=y", []string{`"toAddresses[x]": write an index like toAddresses[0]`}},
		{"index_negative", "accessTokens[-1].accessToken=y", []string{"write an index like"}},
		{"index_unclosed", "accessTokens[0.accessToken=y", []string{"write an index like"}},
		{"wrong_type", "transferOptions.generatePayLink=yes", []string{"--set transferOptions.generatePayLink", "bool"}},
		{"not_a_number", "transferOptions.clientFee=much", []string{"--set transferOptions.clientFee", "not a number"}},
		{"no_equals", "subClientId", []string{"write path=value"}},
		{"no_path", "=1", []string{"write path=value"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := setPath(paymentBody(), c.assign)
			if err == nil {
				t.Fatalf("setPath(%q) = %s, want an error", c.assign, encode(t, got))
			}
			wantUsage(t, err, c.says...)
		})
	}
}

func encode(t *testing.T, r *mesh.LinkTokenRequest) string {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestWithUseCaseWithoutBodyIsNewRequest(t *testing.T) {
	for _, uc := range mesh.UseCases {
		t.Run(string(uc), func(t *testing.T) {
			got, err := withUseCase(nil, uc)
			if err != nil {
				t.Fatal(err)
			}
			if want := mesh.NewRequest(uc, ""); !reflect.DeepEqual(got, want) {
				t.Errorf("got %s, want %s", encode(t, got), encode(t, want))
			}
		})
	}
}

func TestWithUseCaseFillsWhatTheBodyLacks(t *testing.T) {
	cases := []struct {
		name string
		uc   mesh.UseCase
		body func() *mesh.LinkTokenRequest
		want func() *mesh.LinkTokenRequest
	}{
		{"deposit_fills_transfer_defaults", mesh.UseDeposit,
			func() *mesh.LinkTokenRequest {
				return &mesh.LinkTokenRequest{UserID: "u1", TransferOptions: &mesh.TransferOptions{TransactionID: "tx"}}
			},
			func() *mesh.LinkTokenRequest {
				r := mesh.NewRequest(mesh.UseDeposit, "u1")
				r.TransferOptions.TransactionID = "tx"
				return r
			}},
		{"body_settings_win_over_defaults", mesh.UsePayment,
			func() *mesh.LinkTokenRequest {
				return &mesh.LinkTokenRequest{UserID: "u1", RestrictMultipleAccounts: mesh.Bool(false), TransferOptions: &mesh.TransferOptions{
					TransferType: mesh.TransferPayment, IsInclusiveFeeEnabled: mesh.Bool(true), GeneratePayLink: mesh.Bool(true), ClientFee: "0.01",
				}}
			},
			func() *mesh.LinkTokenRequest {
				return &mesh.LinkTokenRequest{UserID: "u1", RestrictMultipleAccounts: mesh.Bool(false), TransferOptions: &mesh.TransferOptions{
					TransferType: mesh.TransferPayment, IsInclusiveFeeEnabled: mesh.Bool(true), GeneratePayLink: mesh.Bool(true), ClientFee: "0.01",
				}}
			}},
		{"body_without_transfer_gets_one", mesh.UseOnramp,
			func() *mesh.LinkTokenRequest { return &mesh.LinkTokenRequest{UserID: "u1", IntegrationID: "i"} },
			func() *mesh.LinkTokenRequest {
				r := mesh.NewRequest(mesh.UseOnramp, "u1")
				r.IntegrationID = "i"
				return r
			}},
		{"withdrawal_keeps_restrict_false", mesh.UseWithdrawal,
			func() *mesh.LinkTokenRequest {
				return &mesh.LinkTokenRequest{UserID: "u1", RestrictMultipleAccounts: mesh.Bool(false)}
			},
			func() *mesh.LinkTokenRequest {
				return &mesh.LinkTokenRequest{UserID: "u1", RestrictMultipleAccounts: mesh.Bool(false)}
			}},
		{"verify_keeps_the_message_and_adds_the_method", mesh.UseVerify,
			func() *mesh.LinkTokenRequest {
				return &mesh.LinkTokenRequest{UserID: "u1", VerifyWalletOptions: &mesh.VerifyWalletOptions{Message: "prove it"}}
			},
			func() *mesh.LinkTokenRequest {
				r := mesh.NewRequest(mesh.UseVerify, "u1")
				r.VerifyWalletOptions.Message = "prove it"
				return r
			}},
		{"deposit_verify_adds_verification", mesh.UseDepositVerify,
			func() *mesh.LinkTokenRequest {
				return &mesh.LinkTokenRequest{UserID: "u1", TransferOptions: &mesh.TransferOptions{TransferType: mesh.TransferDeposit}}
			},
			func() *mesh.LinkTokenRequest { return mesh.NewRequest(mesh.UseDepositVerify, "u1") }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := withUseCase(c.body(), c.uc)
			if err != nil {
				t.Fatal(err)
			}
			if want := c.want(); !reflect.DeepEqual(got, want) {
				t.Errorf("got  %s\nwant %s", encode(t, got), encode(t, want))
			}
		})
	}
}

func TestWithUseCaseRefusesContradictions(t *testing.T) {
	transfer := func(tt mesh.TransferType) *mesh.LinkTokenRequest {
		return &mesh.LinkTokenRequest{UserID: "u1", TransferOptions: &mesh.TransferOptions{TransferType: tt}}
	}
	verifying := &mesh.LinkTokenRequest{UserID: "u1", VerifyWalletOptions: &mesh.VerifyWalletOptions{Message: "m"}}
	cases := []struct {
		name string
		uc   mesh.UseCase
		body *mesh.LinkTokenRequest
		says string
	}{
		{"withdrawal_with_transfer", mesh.UseWithdrawal, transfer(""), "--use-case withdrawal makes no transfer, but the body has transferOptions"},
		{"verify_with_transfer", mesh.UseVerify, transfer(mesh.TransferDeposit), "--use-case verify makes no transfer"},
		{"payment_on_a_deposit_body", mesh.UsePayment, transfer(mesh.TransferDeposit), `--use-case payment contradicts the body's transferType "deposit"`},
		{"deposit_on_an_onramp_body", mesh.UseDeposit, transfer(mesh.TransferOnramp), `contradicts the body's transferType "onramp"`},
		{"deposit_with_verify_options", mesh.UseDeposit, verifying, "--use-case deposit verifies no wallet, but the body has verifyWalletOptions"},
		{"withdrawal_with_verify_options", mesh.UseWithdrawal, verifying, "verifies no wallet"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := withUseCase(c.body, c.uc)
			wantUsage(t, err, c.says)
		})
	}
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

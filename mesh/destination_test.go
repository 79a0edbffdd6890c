package mesh_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/meshlink/meshlink/mesh"
)

// toForm is the form every destination error shows.
const toForm = "write NETWORK:SYMBOL:ADDRESS[:AMOUNT]"

func TestParseDestination(t *testing.T) {
	cat := mesh.Snapshot()
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
			got, err := mesh.ParseDestination(c.spec, cat)
			if err != nil {
				t.Fatalf("ParseDestination(%q): %v", c.spec, err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("ParseDestination(%q)\n got %+v\nwant %+v", c.spec, got, c.want)
			}
		})
	}
}

func TestParseDestinationKeepsTheCatalogsMixedCaseSymbol(t *testing.T) {
	cat := &mesh.Catalog{Networks: []mesh.Network{{ID: "4a1f0c3e-0000-4000-8000-000000000001", Name: "Testnet", SupportedTokens: []string{"USDt", "ETH"}}}}
	got, err := mesh.ParseDestination("testnet:usdt:addr", cat)
	if err != nil {
		t.Fatal(err)
	}
	if got.Symbol != "USDt" {
		t.Errorf("symbol %q, want the catalog's %q", got.Symbol, "USDt")
	}
}

func TestParseDestinationErrors(t *testing.T) {
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
			_, err := mesh.ParseDestination(c.spec, mesh.Snapshot())
			wantErr(t, err, c.says, toForm)
		})
	}
}

// A part after the address is the amount unless the address is one of the
// forms that hold a colon; an amount that is not a number is an error, never
// sent as part of the address.
func TestParseDestinationColonsInAddresses(t *testing.T) {
	tonRaw := "0:83dfd552e63729b472fcbcc8c45ebcc6691702558b68ec7527e1ba403a0f31a8"
	cases := []struct {
		name string
		spec string
		want mesh.ToAddress
	}{
		{"cashaddr_upper_case", "bitcoin:BCH:BITCOINCASH:QQ0ABC", mesh.ToAddress{NetworkID: bitcoinID, Symbol: "BCH", Address: "BITCOINCASH:QQ0ABC"}},
		{"kaspa", "bitcoin:KAS:kaspa:qr0lr4ml9fn3chekrqmjdkergxl93l4wrk3dankcgvjq776s9wn9jkdskewva",
			mesh.ToAddress{NetworkID: bitcoinID, Symbol: "KAS", Address: "kaspa:qr0lr4ml9fn3chekrqmjdkergxl93l4wrk3dankcgvjq776s9wn9jkdskewva"}},
		{"kaspa_then_amount", "bitcoin:KAS:kaspa:qr0lr4:12.5", mesh.ToAddress{NetworkID: bitcoinID, Symbol: "KAS", Address: "kaspa:qr0lr4", Amount: "12.5"}},
		{"ton_raw", "ton:TON:" + tonRaw, mesh.ToAddress{NetworkID: tonID, Symbol: "TON", Address: tonRaw}},
		{"ton_raw_masterchain", "ton:TON:-1:" + strings.Repeat("ab", 32), mesh.ToAddress{NetworkID: tonID, Symbol: "TON", Address: "-1:" + strings.Repeat("ab", 32)}},
		{"ton_raw_then_amount", "ton:TON:" + tonRaw + ":3", mesh.ToAddress{NetworkID: tonID, Symbol: "TON", Address: tonRaw, Amount: "3"}},
		// 64 digits are hex too: still the address, not an amount.
		{"ton_raw_all_digits", "ton:TON:0:" + strings.Repeat("12", 32), mesh.ToAddress{NetworkID: tonID, Symbol: "TON", Address: "0:" + strings.Repeat("12", 32)}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := mesh.ParseDestination(c.spec, mesh.Snapshot())
			if err != nil {
				t.Fatalf("ParseDestination(%q): %v", c.spec, err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("ParseDestination(%q)\n got %+v\nwant %+v", c.spec, got, c.want)
			}
		})
	}
}

func TestParseDestinationAmountThatIsNotANumber(t *testing.T) {
	cases := []struct {
		name, spec string
		says       []string
	}{
		{"underscores", "solana:USDC:" + solAddr + ":1_000", []string{`the amount after the address: "1_000" is not a number`}},
		{"a_word", "base:USDC:" + ethAddr + ":ten", []string{`the amount after the address: "ten" is not a number`}},
		{"a_currency_sign", "base:USDC:" + ethAddr + ":$5", []string{`"$5" is not a number`}},
		{"empty", "solana:USDC:" + solAddr + ":", []string{`the amount after the address: "" is not a number`}},
		{"cashaddr_with_a_bad_amount", "bitcoin:BCH:bitcoincash:qq0abc:1_000", []string{`"1_000" is not a number`}},
		{"colon_in_a_plain_address", "solana:USDC:abc:def", []string{`"def" is not a number`}},
		{"ton_raw_with_a_short_payload", "ton:TON:0:abc", []string{`"abc" is not a number`}},
		{"thousands_separator", "solana:USDC:" + solAddr + ":1,000", []string{`"000" is not field=value`, "without thousands separators, like 1000"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := mesh.ParseDestination(c.spec, mesh.Snapshot())
			if err == nil {
				t.Fatalf("ParseDestination(%q) = %+v, want an error", c.spec, got)
			}
			wantErr(t, err, append(c.says, toForm)...)
		})
	}
}

func TestNetworkAndIntegrationIDs(t *testing.T) {
	cat := mesh.Snapshot()
	for in, want := range map[string]string{
		"solana": solanaID, "SOL": solanaID, "Ethereum": ethereumID, "eth": ethereumID, "btc": bitcoinID,
		"ripple": xrplID, strings.ToUpper(solanaID): solanaID,
		unknownID: unknownID, // any id of the right form passes; Validate warns about it
	} {
		if got, err := cat.NetworkID(in); err != nil || got != want {
			t.Errorf("NetworkID(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for in, want := range map[string]string{"binance connect": binanceConnectID, "Phantom": phantomID, strings.ToUpper(phantomID): phantomID} {
		if got, err := cat.IntegrationID(in); err != nil || got != want {
			t.Errorf("IntegrationID(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	var miss *mesh.NotInCatalogError
	if _, err := cat.NetworkID("narnia"); !errors.As(err, &miss) || miss.Kind != "network" || err.Error() != `no network "narnia" in the catalog` {
		t.Errorf("NetworkID(narnia) error = %v", err)
	}
	if _, err := cat.IntegrationID("Nowhere Exchange"); !errors.As(err, &miss) || miss.Kind != "integration" {
		t.Errorf("IntegrationID(Nowhere Exchange) error = %v", err)
	}
	if _, err := mesh.ParseDestination("narnia:USDC:a", cat); !errors.As(err, &miss) {
		t.Errorf("ParseDestination with an unknown network: %v, want a *NotInCatalogError inside", err)
	}
}

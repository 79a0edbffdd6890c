package mesh_test

import (
	"strings"
	"testing"

	"github.com/meshlink/meshlink/mesh"
)

const (
	stellarID = "06855704-43d2-4ad2-a73c-372f0c3534e1"
)

// Rules from Mesh's 2026 schema and its own examples (mesh-api.md §10).
func TestValidate_schema2026(t *testing.T) {
	const (
		to  = "transferOptions"
		to0 = "transferOptions.toAddresses[0]"
		vw  = "verifyWalletOptions"
	)
	emoji := strings.Repeat("😀", 151) // 151 characters, 302 UTF-16 code units
	tests := []struct {
		name  string
		req   func() *mesh.LinkTokenRequest
		wants []want
	}{
		// Lengths count UTF-16 code units, as Mesh's .NET server does.
		{"userId_151_emoji_is_302_units", func() *mesh.LinkTokenRequest { r := validDeposit(); r.UserID = emoji; return r },
			[]want{errAt("userId", "is 151 characters, 302 as Mesh counts them (UTF-16")}},
		{"userId_150_emoji_is_300_units", func() *mesh.LinkTokenRequest { r := validDeposit(); r.UserID = strings.Repeat("😀", 150); return r }, nil},
		{"transactionId_65_emoji", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.TransferOptions.TransactionID = strings.Repeat("🎟", 65)
			return r
		}, []want{errAt(to+".transactionId", "is 65 characters, 130 as Mesh counts them (UTF-16: emoji and some symbols count twice); Mesh allows at most 128")}},
		{"description_256_is_fine", func() *mesh.LinkTokenRequest {
			r := validPayment()
			r.TransferOptions.Description = strings.Repeat("d", 256)
			return r
		}, nil},
		{"description_over_256", func() *mesh.LinkTokenRequest {
			r := validPayment()
			r.TransferOptions.Description = strings.Repeat("d", 255) + "😀"
			return r
		}, []want{errAt(to+".description", "is 256 characters, 257 as Mesh counts them")}},

		// transferType
		{"fiatOnRamp_is_known_but_new", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.TransferOptions.TransferType = mesh.TransferFiatOnRamp
			return r
		}, []want{warnAt(to+".transferType", "fiatOnRamp is a bank-transfer flow (SPEI, SEPA …) that Mesh added in June 2026; it may not be enabled for your client yet")}},
		{"fiatOffRamp_needs_no_destination", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.TransferOptions.TransferType = mesh.TransferFiatOffRamp
			r.TransferOptions.ToAddresses = nil
			return r
		}, []want{warnAt(to+".transferType", "fiatOffRamp is a bank-transfer flow")}},
		{"future_transferType_warns_with_a_guess", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.TransferOptions.TransferType = "depositt"
			return r
		}, []want{warnAt(to+".transferType", `"depositt" is not a transfer type meshlink knows (deposit, payment, onramp, fiatOnRamp, fiatOffRamp); it is sent as written, in case Mesh added it since; did you mean deposit?`)}},

		// brokerType and Binance Pay
		{"brokerType_is_deprecated", func() *mesh.LinkTokenRequest { r := validDeposit(); r.BrokerType = "coinbase"; return r },
			[]want{warnAt("brokerType", "is deprecated by Mesh in favour of integrationId")}},
		{"goodsDetails_fine", func() *mesh.LinkTokenRequest {
			r := validPayment()
			r.TransferOptions.Description = "Two tickets"
			r.TransferOptions.GoodsDetails = []mesh.GoodsDetails{{GoodsType: mesh.GoodsVirtual, GoodsName: "Ticket"}, {GoodsType: mesh.GoodsTangible}}
			return r
		}, nil},
		{"goodsType_unknown", func() *mesh.LinkTokenRequest {
			r := validPayment()
			r.TransferOptions.GoodsDetails = []mesh.GoodsDetails{{GoodsType: "virtual"}}
			return r
		}, []want{warnAt(to+".goodsDetails[0].goodsType", `"virtual" is not a goods type Mesh lists: "01" (tangible goods) or "02" (virtual goods)`)}},
		{"description_for_an_integration_that_is_not_binance_pay", func() *mesh.LinkTokenRequest {
			r := validPayment()
			r.IntegrationID = phantomID
			r.TransferOptions.Description = "Two tickets"
			return r
		}, []want{warnAt(to+".description", "is read by Binance Pay only; Phantom ignores it")}},

		// Where Mesh's own documents disagree, the looser one wins, with a word.
		{"payment_priced_by_amountInFiat", func() *mesh.LinkTokenRequest {
			r := validPayment()
			r.TransferOptions.AmountInFiat = mesh.MustDecimal("100.00")
			for i := range r.TransferOptions.ToAddresses {
				r.TransferOptions.ToAddresses[i].Amount = ""
			}
			return r
		}, []want{warnAt(to+".amountInFiat", "prices this payment in USD: Mesh picks the crypto amount at its own rate")}},
		{"verify_networkId_contradicts_networkType", func() *mesh.LinkTokenRequest {
			r := validVerify()
			r.VerifyWalletOptions.NetworkType = "evm"
			r.VerifyWalletOptions.Addresses = nil
			return r
		}, []want{warnAt(vw+".networkType", "evm contradicts networkId (Solana, a solana network)")}},

		// Amount hints
		{"minAmount_above_amount", func() *mesh.LinkTokenRequest {
			r := validPayment()
			r.TransferOptions.ToAddresses[0].MinAmount = mesh.MustDecimal("100")
			return r
		}, []want{warnAt(to0+".minAmount", "100 is above the amount 99.99")}},
		{"minAmountInFiat_above_amountInFiat", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.TransferOptions.AmountInFiat = mesh.MustDecimal("50")
			r.TransferOptions.ToAddresses[0].MinAmountInFiat = mesh.MustDecimal("60")
			return r
		}, []want{warnAt(to0+".minAmountInFiat", "60 is above transferOptions.amountInFiat 50")}},
		{"symbol_that_is_a_contract_address", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.TransferOptions.ToAddresses[0] = mesh.ToAddress{NetworkID: ethereumID, Symbol: "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48", Address: ethAddr}
			return r
		}, []want{
			warnAt(to0+".symbol", "does not list"),
			warnAt(to0+".symbol", "looks like a contract address; Mesh wants the token's ticker, like USDC"),
		}},

		// Addresses per chain family.
		{"evm_checksum_fails", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.TransferOptions.ToAddresses[0] = mesh.ToAddress{NetworkID: ethereumID, Symbol: "USDC", Address: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"}
			return r
		}, []want{errAt(to0+".address", "checksum fails (EIP-55): a letter's case is wrong")}},
		{"evm_address_on_solana", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.TransferOptions.ToAddresses[0].Address = ethAddr
			return r
		}, []want{errAt(to0+".address", "an EVM address on a Solana network")}},
		{"solana_address_on_base", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.TransferOptions.ToAddresses[0].NetworkID = baseID
			return r
		}, []want{errAt(to0+".address", "a Solana address on Base, an EVM network")}},
		{"not_base58", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.TransferOptions.ToAddresses[0].Address = "0OIl" + solAddr[4:]
			return r
		}, []want{errAt(to0+".address", "not base58")}},
		{"guide_placeholder", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.TransferOptions.ToAddresses[0].Address = "xxx"
			return r
		}, []want{errAt(to0+".address", `"xxx" is a placeholder: put the real Solana address here`)}},
		{"bitcoin_testnet_on_mainnet", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.TransferOptions.ToAddresses[0] = mesh.ToAddress{NetworkID: bitcoinID, Symbol: "BTC", Address: "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7"}
			return r
		}, []want{errAt(to0+".address", "is a Bitcoin testnet address")}},
		{"xrp_tag_must_be_uint32", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.TransferOptions.ToAddresses[0] = mesh.ToAddress{NetworkID: xrplID, Symbol: "XRP", Address: "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh", AddressTag: "4294967296"}
			return r
		}, []want{errAt(to0+".addressTag", "an XRP Ledger destination tag is a whole number from 0 to 4294967295")}},
		{"xrp_tag_fine", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.TransferOptions.ToAddresses[0] = mesh.ToAddress{NetworkID: xrplID, Symbol: "XRP", Address: "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh", AddressTag: "12345"}
			return r
		}, nil},
		{"stellar_memo_over_28_bytes", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.TransferOptions.ToAddresses[0] = mesh.ToAddress{NetworkID: stellarID, Symbol: "XLM", Address: "GA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGZ", AddressTag: strings.Repeat("m", 29)}
			return r
		}, []want{errAt(to0+".addressTag", "is 29 bytes; a Stellar memo holds at most 28")}},
		{"verify_address_checked_against_networkId", func() *mesh.LinkTokenRequest {
			r := validVerify()
			r.VerifyWalletOptions.Addresses = []string{ethAddr}
			return r
		}, []want{errAt(vw+".addresses[0]", "an EVM address on a Solana network")}},
		{"verify_address_checked_against_networkType", func() *mesh.LinkTokenRequest {
			r := validVerify()
			r.VerifyWalletOptions.NetworkID = ""
			r.VerifyWalletOptions.NetworkType = "evm"
			r.VerifyWalletOptions.Addresses = []string{"0x00000000000000000000000"}
			return r
		}, []want{errAt(vw+".addresses[0]", "has 23 hex digits after 0x; an EVM address is 0x followed by 40 hex digits")}},
	}
	cat := mesh.Snapshot()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkProblems(t, mesh.Validate(tt.req(), cat), tt.wants...)
		})
	}
}

// A family meshlink has no rule for is a warning, never a false error.
func TestValidate_unknownFamilyIsNotChecked(t *testing.T) {
	cat := mesh.Snapshot()
	cat.Networks = append(cat.Networks, mesh.Network{ID: unknownID, Name: "Polkadot", SupportedTokens: []string{"DOT"}})
	r := validDeposit()
	r.TransferOptions.ToAddresses[0] = mesh.ToAddress{NetworkID: unknownID, Symbol: "DOT", Address: "15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5"}
	checkProblems(t, mesh.Validate(r, cat), warnAt("transferOptions.toAddresses[0].address", "not checked: meshlink knows no address format for Polkadot (network type unknown)"))
}

// Mesh's addressPattern, when the catalog has one, is checked too; one that
// Go's RE2 cannot compile is skipped quietly.
func TestValidate_addressPattern(t *testing.T) {
	for _, tt := range []struct {
		pattern string
		wants   []want
	}{
		{`^[1-9A-HJ-NP-Za-km-z]{32,44}$`, nil},
		{`^7x`, []want{errAt("transferOptions.toAddresses[0].address", "does not match the address pattern Mesh's catalog gives for Solana (^7x)")}},
		{`^(?!0x)[1-9A-HJ-NP-Za-km-z]+$`, nil}, // a lookahead: .NET has it, RE2 does not
	} {
		cat := mesh.Snapshot()
		for i := range cat.Networks {
			if cat.Networks[i].ID == solanaID {
				cat.Networks[i].AddressPattern = tt.pattern
			}
		}
		r := validDeposit()
		r.TransferOptions.ToAddresses[0].Address = "7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV"
		checkProblems(t, mesh.Validate(r, cat), tt.wants...)
	}
}

// The managed-transfers catalog says where an integration can send from;
// a destination it cannot reach is a warning.
func TestValidate_integrationReach(t *testing.T) {
	cat := mesh.Snapshot()
	cat.Integrations = append(cat.Integrations,
		mesh.Integration{ID: unknownID, Name: "Robinhood", Type: "robinhood", SupportsOutgoingTransfers: mesh.Bool(true),
			Networks: []mesh.IntegrationNetwork{
				{ID: ethereumID, SupportedTokens: []string{"ETH", "USDC"}, SupportedDevices: []string{"web", "ios"}},
				{ID: solanaID, SupportedTokens: []string{"USDC"}, SupportedDevices: []string{"ios", "android"}},
			}},
		mesh.Integration{ID: "22222222-2222-2222-2222-222222222222", Name: "Sink", SupportsOutgoingTransfers: mesh.Bool(false)},
		mesh.Integration{ID: "33333333-3333-3333-3333-333333333333", Name: "Kraken", Type: "kraken"},
	)
	for i := range cat.Networks {
		if cat.Networks[i].ID == solanaID {
			cat.Networks[i].SupportedBrokerTypes = []string{"coinbase", "deFiWallet"}
		}
	}
	const to = "transferOptions.toAddresses"
	tests := []struct {
		name  string
		req   func() *mesh.LinkTokenRequest
		wants []want
	}{
		{"reachable", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.IntegrationID = unknownID
			r.TransferOptions.ToAddresses[0] = mesh.ToAddress{NetworkID: ethereumID, Symbol: "USDC", Address: ethAddr}
			return r
		}, nil},
		{"network_it_cannot_send_on", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.IntegrationID = unknownID
			r.TransferOptions.ToAddresses[0] = mesh.ToAddress{NetworkID: baseID, Symbol: "USDC", Address: ethAddr}
			return r
		}, []want{warnAt(to+"[0].networkId", "Robinhood cannot send on Base in Mesh's catalog (it sends on Ethereum, Solana)")}},
		{"token_it_cannot_send", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.IntegrationID = unknownID
			r.TransferOptions.ToAddresses[0] = mesh.ToAddress{NetworkID: ethereumID, Symbol: "USDT", Address: ethAddr}
			return r
		}, []want{warnAt(to+"[0].symbol", "Robinhood cannot send USDT on Ethereum in Mesh's catalog (it sends ETH, USDC)")}},
		{"mobile_only", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.IntegrationID = unknownID
			return r
		}, []want{warnAt(to+"[0].networkId", "Robinhood sends on Solana only from its mobile app (ios, android), not on the web")}},
		{"broker_type_the_network_does_not_list", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.IntegrationID = "33333333-3333-3333-3333-333333333333"
			return r
		}, []want{warnAt(to+"[0].networkId", "Kraken (kraken) is not among the integration types Mesh's catalog lists for Solana (coinbase, deFiWallet)")}},
		{"no_outgoing_transfers", func() *mesh.LinkTokenRequest {
			r := validDeposit()
			r.IntegrationID = "22222222-2222-2222-2222-222222222222"
			return r
		}, []want{warnAt("integrationId", "Sink does not support outgoing transfers in Mesh's catalog")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkProblems(t, mesh.Validate(tt.req(), cat), tt.wants...)
		})
	}
}

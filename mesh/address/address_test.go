package address

import (
	"errors"
	"strings"
	"testing"
)

// The vectors below come from the standards themselves, not from this code:
// EIP-55, BIP-173, BIP-350, SEP-23, CIP-19, the TON documentation's address
// page, XRP Ledger's XLS-5d (X-address) vectors as published in xrpl.js, and
// addresses printed in each chain's own documentation.

func TestValidAddresses(t *testing.T) {
	valid := map[string][]string{
		"evm": {
			// EIP-55's own test addresses.
			"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
			"0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
			"0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
			"0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
			// One case throughout carries no checksum.
			"0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
			"0x52908400098527886E0F7030069857D2E4169EE7",
		},
		"solana": {
			"11111111111111111111111111111111",            // the system program: 32 zero bytes
			"7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV", // Mesh's PayLinks guide
		},
		"bitcoin": {
			"1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", // the genesis block's coinbase
			"3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", // BIP-13's P2SH example form
			// BIP-350's valid segwit vectors on mainnet (v0 bech32, v1+ bech32m).
			"BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
			"bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y",
			"BC1SW50QGDZ25J",
			"bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs",
			"bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
		},
		"ripple": {
			"rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh",              // the XRP Ledger's genesis account
			"X7AcgcsBL6XDcUb289X4mJ8djcdyKaB5hJDWMArnXr61cqZ", // XLS-5d: r9cZA1… without tag
			"X7AcgcsBL6XDcUb289X4mJ8djcdyKaGZMhc9YTE92ehJ2Fu", // XLS-5d: r9cZA1… tag 1
			"XVLhHMPHU98es4dbozjVtdWzVrDjtV18pX8yuPT7y4xaEHi", // XLS-5d: rGWrZy… tag 4294967295
		},
		"stellar": {
			// SEP-23's valid account and muxed-account vectors.
			"GA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGZ",
			"MA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJUAAAAAAAAAAAACJUQ",
			"MA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVAAAAAAAAAAAAAJLK",
		},
		"cardano": {
			// CIP-19's mainnet payment address vectors, types 0 to 7.
			"addr1qx2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzer3n0d3vllmyqwsx5wktcd8cc3sq835lu7drv2xwl2wywfgse35a3x",
			"addr1z8phkx6acpnf78fuvxn0mkew3l0fd058hzquvz7w36x4gten0d3vllmyqwsx5wktcd8cc3sq835lu7drv2xwl2wywfgs9yc0hh",
			"addr1yx2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzerkr0vd4msrxnuwnccdxlhdjar77j6lg0wypcc9uar5d2shs2z78ve",
			"addr1x8phkx6acpnf78fuvxn0mkew3l0fd058hzquvz7w36x4gt7r0vd4msrxnuwnccdxlhdjar77j6lg0wypcc9uar5d2shskhj42g",
			"addr1gx2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzer5pnz75xxcrzqf96k",
			"addr128phkx6acpnf78fuvxn0mkew3l0fd058hzquvz7w36x4gtupnz75xxcrtw79hu",
			"addr1vx2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzers66hrl8",
			"addr1w8phkx6acpnf78fuvxn0mkew3l0fd058hzquvz7w36x4gtcyjy7wx",
			// A Byron (Icarus) address from cardano-addresses' test vectors.
			"Ae2tdPwUPEZFRbyhz3cpfC2CumGzNkFBN2L42rcUc2yjQpEkxDbkPodpMAi",
		},
		"tvm": {
			// The TON documentation's address example in its three forms.
			"EQDKbjIcfM6ezt8KjKJJLshZJJSqX7XOA4ff-W72r5gqPrHF",
			"UQDKbjIcfM6ezt8KjKJJLshZJJSqX7XOA4ff-W72r5gqPuwA",
			"0:ca6e321c7cce9ecedf0a8ca2492ec8592494aa5fb5ce0387dff96ef6af982a3e",
		},
		"tron": {
			"TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeL", // TRON's docs: 418840E6C55B9ADA326D211D818C34A994AECED808
			"TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", // USDT's contract on Tron
		},
		"sui":        {"0x2", "0x0000000000000000000000000000000000000000000000000000000000000002"},
		"aptos":      {"0x1", "0xa550c18"},
		"injective":  {"inj1cml96vmptgw99syqrrz8az79xer2pcgp0a885r"},                                                   // Injective's API docs
		"avalancheX": {"X-avax1qr6yzjykcjmeflztsgv6y88dl0xnlel3chs3r4", "avax1sxnpzqdk5g7etd9853fvn4gcxjj4wl98vlx52z"}, // avaxpython's donation address, a published wallet address
		"tezos":      {"tz1KqTpEZ7Yob7QbPE4Hy4Wo8fHG8LhKxZSx", "tz1gjaF81ZRRvdzjobyfVNsAeSC6PScjfQwN"},                 // Octez's bootstrap accounts
		"dogecoin":   {"DH5yaieqoZN36fDVciNyRueRGvGLR3mr7L"},
		"litecoin":   {"LVg2kJoFNg45Nbpy53h7Fe1wKyeXVRhMH9"},
	}
	for family, addrs := range valid {
		for _, a := range addrs {
			if err := Check(family, a); err != nil {
				t.Errorf("Check(%s, %s) = %v, want valid", family, a, err)
			}
		}
	}
}

func TestInvalidAddresses(t *testing.T) {
	cases := []struct{ family, addr, want string }{
		// EIP-55: one letter's case changed.
		{"evm", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", "checksum fails (EIP-55)"},
		{"evm", "0x00000000000000000000000", "has 23 hex digits after 0x"}, // Mesh's API reference example
		{"evm", "5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "needs the 0x prefix"},
		{"evm", "0X5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "write 0x"},
		{"evm", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg", "not a hex digit"},
		{"evm", " 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "spaces"},
		{"solana", "xxx", "decodes to 3 bytes; a Solana address is 32"}, // the guide's placeholder
		{"solana", "0EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV", "not base58"},
		// BIP-350's invalid segwit vectors (mainnet ones, and testnet on mainnet).
		{"bitcoin", "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd", "bech32m"},
		{"bitcoin", "BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL", "bech32m"},
		{"bitcoin", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh", "version 0 address uses bech32"},
		{"bitcoin", "bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4", "leaves out"},
		{"bitcoin", "BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R", "witness version 17"},
		{"bitcoin", "bc1pw5dgrnzv", "1-byte witness program"},
		{"bitcoin", "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav", "41-byte"},
		{"bitcoin", "BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P", "16-byte version 0"},
		{"bitcoin", "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf", "left over"},
		{"bitcoin", "bc1gmk9yu", "no witness program"},
		{"bitcoin", "tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c", "testnet"},
		{"bitcoin", "tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq", "testnet"},
		// BIP-173: invalid checksum.
		{"bitcoin", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", "checksum fails"},
		{"bitcoin", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb", "checksum fails"},
		{"bitcoin", "bitcoincash:qqsomething", "Bitcoin Cash"},
		// BIP-350: an invalid human-readable part.
		{"bitcoin", "tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut", "starts tc1, not a Bitcoin prefix: Bitcoin addresses start 1, 3 or bc1"},
		{"dogecoin", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", "starts bc1, not a Dogecoin prefix"},
		{"litecoin", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "not a Litecoin address"},
		{"ripple", "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTi", "checksum fails"},
		{"ripple", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "checksum fails"},
		// SEP-23's invalid StrKeys that are account or muxed keys.
		{"stellar", "GAAAAAAAACGC6", "bytes long"},
		{"stellar", "MA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJUAAAAAAAAAAAACJUR", "not a Stellar address"},
		{"stellar", "GA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGZA", "length"},
		{"stellar", "GA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJUACUSI", "bytes long"},
		{"stellar", "G47QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVP2I", "another kind"},
		{"stellar", "MA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVAAAAAAAAAAAAAJLKA", "length"},
		{"stellar", "MA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVAAAAAAAAAAAAAAV75I", "bytes long"},
		{"stellar", "M47QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJUAAAAAAAAAAAACJUQ", "checksum fails"},
		{"stellar", "MA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJUAAAAAAAAAAAACJUK===", "length"},
		{"stellar", "MA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJUAAAAAAAAAAAACJUO", "checksum fails"},
		{"stellar", "CA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJUWDA", "another kind"}, // SEP-23's contract
		// CIP-19: testnet and stake addresses are not mainnet payment addresses.
		{"cardano", "addr_test1qz2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzer3n0d3vllmyqwsx5wktcd8cc3sq835lu7drv2xwl2wywfgs68faae", "testnet"},
		{"cardano", "stake1uyehkck0lajq8gr28t9uxnuvgcqrc6070x3k9r8048z8y5gh6ffgw", "stake"},
		{"cardano", "addr1vx2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzers66hrl9", "checksum fails"},
		{"cardano", "Ae2tdPwUPEZFRbyhz3cpfC2CumGzNkFBN2L42rcUc2yjQpEkxDbkPodpMAj", "checksum fails"},
		{"tvm", "EQDKbjIcfM6ezt8KjKJJLshZJJSqX7XOA4ff-W72r5gqPrHG", "checksum fails"},
		{"tvm", "kQDKbjIcfM6ezt8KjKJJLshZJJSqX7XOA4ff-W72r5gqPgpP", "testnet"},
		{"tvm", "0:ca6e321c", "raw TON address"},
		{"tron", "TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeM", "checksum fails"},
		{"tron", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "not a Tron address"},
		{"sui", "0x", "has 0 hex digits"},
		{"aptos", "0x" + strings.Repeat("a", 65), "has 65 hex digits"},
		{"injective", "inj1cml96vmptgw99syqrrz8az79xer2pcgp0a885s", "checksum fails"},
		{"injective", "cosmos1cml96vmptgw99syqrrz8az79xer2pcgp0a885r", "checksum fails"},
		{"avalancheX", "P-avax1qr6yzjykcjmeflztsgv6y88dl0xnlel3chs3r4", "another Avalanche chain"},
		{"avalancheX", "x-avax1qr6yzjykcjmeflztsgv6y88dl0xnlel3chs3r4", "upper case (X-avax1…)"},
		{"avalancheX", "X-avax12c6n252g5v3w6a6v69f0mnnzwr77jxzr3q3u7d", "checksum fails"}, // an example in Avalanche's API docs, mistyped there
		{"tezos", "tz1KqTpEZ7Yob7QbPE4Hy4Wo8fHG8LhKxZSy", "checksum fails"},
		{"tezos", "tz9KqTpEZ7Yob7QbPE4Hy4Wo8fHG8LhKxZSx", "not a Tezos address"},
	}
	for _, c := range cases {
		err := Check(c.family, c.addr)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Check(%s, %s) = %v, want an error containing %q", c.family, c.addr, err, c.want)
		}
	}
}

func TestChecksumEVM(t *testing.T) {
	// EIP-55's implementation section: lower case in, checksummed out.
	if got := ChecksumEVM("0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359"); got != "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359" {
		t.Errorf("ChecksumEVM = %s", got)
	}
}

func TestUnknownFamilyIsNotAnError(t *testing.T) {
	for _, family := range []string{"", "unknown", "bitcoincash", "polkadot"} {
		if err := Check(family, "anything"); !errors.Is(err, ErrUnknownFamily) {
			t.Errorf("Check(%q) = %v, want ErrUnknownFamily", family, err)
		}
	}
}

func TestGuess(t *testing.T) {
	cases := []struct{ addr, except, want string }{
		{"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "solana", "EVM"},
		{"7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV", "evm", "Solana"},
		{"bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", "evm", "Bitcoin"},
		{"TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeL", "evm", "Tron"},
		{"rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh", "stellar", "XRP Ledger"},
		{"xxx", "evm", ""},
		// A short 0x form is not taken for Sui's: it is as likely a broken EVM address.
		{"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", "evm", ""},
		{"0x0000000000000000000000000000000000000000000000000000000000000002", "evm", "Sui or Aptos"},
	}
	for _, c := range cases {
		if got := Guess(c.addr, c.except); got != c.want {
			t.Errorf("Guess(%s, except %s) = %q, want %q", c.addr, c.except, got, c.want)
		}
	}
}

func TestArticle(t *testing.T) {
	for name, want := range map[string]string{"EVM": "an", "XRP Ledger": "an", "Solana": "a", "Avalanche X-Chain": "an", "Tron": "a", "": "a"} {
		if got := Article(name); got != want {
			t.Errorf("Article(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestCheckTag(t *testing.T) {
	cases := []struct {
		family, tag string
		ok          bool
	}{
		{"ripple", "0", true}, {"ripple", "4294967295", true}, {"ripple", "4294967296", false},
		{"ripple", "-1", false}, {"ripple", "memo", false},
		{"stellar", strings.Repeat("m", 28), true}, {"stellar", strings.Repeat("m", 29), false},
		{"stellar", strings.Repeat("é", 15), false}, // 30 bytes
		{"evm", "anything", true},
	}
	for _, c := range cases {
		if err := CheckTag(c.family, c.tag); (err == nil) != c.ok {
			t.Errorf("CheckTag(%s, %q) = %v, want ok %v", c.family, c.tag, err, c.ok)
		}
	}
}

func FuzzCheck(f *testing.F) {
	for _, s := range []string{"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", "GA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGZ", "Ae2tdPwUPEZFRbyhz3cpfC2CumGzNkFBN2L42rcUc2yjQpEkxDbkPodpMAi", "EQDKbjIcfM6ezt8KjKJJLshZJJSqX7XOA4ff-W72r5gqPrHF", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for family := range families {
			if err := Check(family, s); err != nil && err.Error() == "" {
				t.Fatalf("Check(%s, %q) gave an empty error", family, s)
			}
		}
	})
}

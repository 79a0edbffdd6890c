package address

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// ErrUnknownFamily is returned for a network family meshlink has no rule
// for: the address was not checked, which is not the same as wrong.
var ErrUnknownFamily = errors.New("no address rule for this network family")

type family struct {
	name  string // as people say it: "EVM", "XRP Ledger"
	check func(string) error
}

// families maps Mesh's NetworkType values to their rules.
var families = map[string]family{
	"evm":        {"EVM", checkEVM},
	"solana":     {"Solana", checkSolana},
	"bitcoin":    {"Bitcoin", bitcoinLike(bitcoinParams)},
	"litecoin":   {"Litecoin", bitcoinLike(litecoinParams)},
	"dogecoin":   {"Dogecoin", bitcoinLike(dogecoinParams)},
	"tron":       {"Tron", checkTron},
	"ripple":     {"XRP Ledger", checkRipple},
	"stellar":    {"Stellar", checkStellar},
	"cardano":    {"Cardano", checkCardano},
	"tvm":        {"TON", checkTON},
	"sui":        {"Sui", checkMoveAccount},
	"aptos":      {"Aptos", checkMoveAccount},
	"injective":  {"Injective", cosmosLike("inj", "Injective")},
	"avalancheX": {"Avalanche X-Chain", checkAvalancheX},
	"tezos":      {"Tezos", checkTezos},
}

// guessOrder is the order in which Guess tries families; where formats
// overlap (0x + 40 hex is EVM, Sui and Aptos alike) the first wins.
var guessOrder = []string{"evm", "solana", "bitcoin", "litecoin", "dogecoin", "tron", "ripple", "stellar", "cardano", "tvm", "injective", "avalancheX", "tezos", "sui"}

// fullMoveAccount is what Guess takes for a Sui or Aptos address: a short
// 0x form is as likely a mistyped EVM address.
func fullMoveAccount(s string) error {
	if len(s) != 66 {
		return errors.New("not a full-length account")
	}
	return checkMoveAccount(s)
}

// FamilyName is how people name the family of networkType ("EVM",
// "Solana"), or networkType itself when there is no rule for it.
func FamilyName(networkType string) string {
	if f, ok := families[networkType]; ok {
		return f.name
	}
	return networkType
}

// maxLen bounds the work of a check; the longest addresses (Cardano's
// pointer and Byron addresses) stay well under it.
const maxLen = 256

// Check reports what is wrong with s as an address on a network of the
// family networkType (one of Mesh's NetworkType values). It returns nil for
// a good address and ErrUnknownFamily when the family has no rule here.
func Check(networkType, s string) error {
	f, ok := families[networkType]
	if !ok {
		return ErrUnknownFamily
	}
	if len(s) > maxLen {
		return fmt.Errorf("is %d characters; no %s address is that long", len(s), f.name)
	}
	if strings.TrimSpace(s) != s {
		return errors.New("has spaces at its start or end")
	}
	if i := strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r > unicode.MaxASCII }); i >= 0 {
		return fmt.Errorf("holds %s, which no %s address has", quoteRune([]rune(s[i:])[0]), f.name)
	}
	return f.check(s)
}

// Guess names the family whose format s has, other than except, for a hint
// like "an EVM address on a Solana network"; "" when none fits.
func Guess(s, except string) string {
	for _, t := range guessOrder {
		if FamilyName(t) == FamilyName(except) {
			continue
		}
		check := families[t].check
		if t == "sui" {
			check = fullMoveAccount
		}
		if check(s) == nil {
			if t == "sui" {
				return "Sui or Aptos"
			}
			return FamilyName(t)
		}
	}
	return ""
}

// Article is "a" or "an" for name, as in "an EVM address".
func Article(name string) string {
	if (name != "" && strings.ContainsRune("AEIOUaeiou", rune(name[0]))) || strings.HasPrefix(name, "XRP") { // "an XRP Ledger address"
		return "an"
	}
	return "a"
}

// CheckTag checks an addressTag (memo, destination tag) for the family of
// networkType: on the XRP Ledger it is a uint32, on Stellar a text memo of
// at most 28 bytes. Other families are not checked.
func CheckTag(networkType, tag string) error {
	switch networkType {
	case "ripple":
		if _, err := strconv.ParseUint(tag, 10, 32); err != nil {
			return errors.New("an XRP Ledger destination tag is a whole number from 0 to 4294967295")
		}
	case "stellar":
		if len(tag) > 28 {
			return fmt.Errorf("is %d bytes; a Stellar memo holds at most 28", len(tag))
		}
	}
	return nil
}

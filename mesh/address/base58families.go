package address

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// checkSolana: base58 of a 32-byte public key.
func checkSolana(s string) error {
	b, err := base58Decode(s, bitcoinAlphabet)
	if err != nil {
		return err
	}
	if len(b) != 32 {
		return fmt.Errorf("decodes to %d bytes; a Solana address is 32", len(b))
	}
	return nil
}

type chainParams struct {
	name                      string
	versions, testnetVersions []byte // base58check version bytes
	hrp                       string // bech32 prefix; "" without segwit
	testnetHRPs               []string
	firstChars                string // what mainnet addresses start with, for messages
}

var (
	bitcoinParams  = chainParams{"Bitcoin", []byte{0x00, 0x05}, []byte{0x6f, 0xc4}, "bc", []string{"tb", "bcrt"}, "1, 3 or bc1"}
	litecoinParams = chainParams{"Litecoin", []byte{0x30, 0x32, 0x05}, []byte{0x6f, 0x3a, 0xc4}, "ltc", []string{"tltc", "rltc"}, "L, M, 3 or ltc1"}
	dogecoinParams = chainParams{"Dogecoin", []byte{0x1e, 0x16}, []byte{0x71, 0xc4}, "", nil, "D, 9 or A"}
)

// bitcoinLike checks base58check addresses with the network's version bytes
// and, where the network has segwit, bech32/bech32m with its prefix.
func bitcoinLike(p chainParams) func(string) error {
	return func(s string) error {
		lower := strings.ToLower(s)
		if strings.HasPrefix(lower, "bitcoincash:") {
			return errors.New("is a Bitcoin Cash address; Bitcoin Cash is another network")
		}
		if p.hrp != "" && strings.HasPrefix(lower, p.hrp+"1") {
			return segwitDecode(s, p.hrp)
		}
		for _, t := range p.testnetHRPs {
			if strings.HasPrefix(lower, t+"1") {
				return fmt.Errorf("is a %s testnet address; this network is %s's main network", p.name, p.name)
			}
		}
		payload, err := base58CheckDecode(s, bitcoinAlphabet)
		if err != nil {
			if hrp, ok := bech32Prefix(s); ok {
				return fmt.Errorf("starts %s1, not a %s prefix: %s addresses start %s", hrp, p.name, p.name, p.firstChars)
			}
			return err
		}
		switch {
		case len(payload) != 21:
			return fmt.Errorf("decodes to %d bytes; a %s address holds 21 (starting %s)", len(payload), p.name, p.firstChars)
		case slices.Contains(p.versions, payload[0]):
			return nil
		case slices.Contains(p.testnetVersions, payload[0]):
			return fmt.Errorf("is a %s testnet address; this network is %s's main network", p.name, p.name)
		}
		return fmt.Errorf("is not a %s address (those start %s)", p.name, p.firstChars)
	}
}

// bech32Prefix reports the human-readable part of s when s has bech32's
// shape (one case, letters, "1", at least a checksum's worth of bech32
// characters), for a message better than "not base58".
func bech32Prefix(s string) (string, bool) {
	lower := strings.ToLower(s)
	i := strings.LastIndexByte(lower, '1')
	if i < 1 || (s != lower && s != strings.ToUpper(s)) || len(lower)-i-1 < 6 {
		return "", false
	}
	hrp, data := lower[:i], lower[i+1:]
	if strings.Trim(hrp, "abcdefghijklmnopqrstuvwxyz") != "" || strings.Trim(data, bech32Charset) != "" {
		return "", false
	}
	return hrp, true
}

// checkTron: base58check of 21 bytes whose first is 0x41 (a T… address).
func checkTron(s string) error {
	payload, err := base58CheckDecode(s, bitcoinAlphabet)
	if err != nil {
		return err
	}
	if len(payload) != 21 || payload[0] != 0x41 {
		return errors.New("is not a Tron address (base58check of 21 bytes starting 0x41: T…)")
	}
	return nil
}

// checkRipple: a classic r… address (base58check in Ripple's alphabet, 21
// bytes, version 0) or an X-address (XLS-5d: 31 bytes with a tag).
func checkRipple(s string) error {
	payload, err := base58CheckDecode(s, rippleAlphabet)
	if err != nil {
		return err
	}
	switch {
	case len(payload) == 21 && payload[0] == 0x00:
		return nil
	case len(payload) == 31 && payload[0] == 0x05 && payload[1] == 0x44:
		return checkXAddressTag(payload)
	case len(payload) == 31 && payload[0] == 0x04 && payload[1] == 0x93:
		return errors.New("is an XRP Ledger testnet X-address; this network is the main one")
	}
	return errors.New("is not an XRP Ledger address (r… in Ripple's base58 alphabet, or an X-address)")
}

func checkXAddressTag(p []byte) error {
	flag, tag := p[22], p[23:]
	switch {
	case flag == 0 && string(tag) == string(make([]byte, 8)):
		return nil
	case flag == 1 && string(tag[4:]) == string(make([]byte, 4)):
		return nil
	}
	return errors.New("is an X-address with a malformed tag")
}

var tezosPrefixes = map[string][]byte{
	"tz1": {6, 161, 159}, "tz2": {6, 161, 161}, "tz3": {6, 161, 164}, "tz4": {6, 161, 166}, "KT1": {2, 90, 121},
}

// checkTezos: base58check of a 3-byte prefix (tz1, tz2, tz3, tz4, KT1) and
// a 20-byte hash.
func checkTezos(s string) error {
	want, ok := tezosPrefixes[s[:min(3, len(s))]]
	if !ok {
		return errors.New("is not a Tezos address (tz1…, tz2…, tz3…, tz4… or KT1…)")
	}
	payload, err := base58CheckDecode(s, bitcoinAlphabet)
	if err != nil {
		return err
	}
	if len(payload) != 23 || string(payload[:3]) != string(want) {
		return fmt.Errorf("is not a Tezos %s address: it decodes to %d bytes", s[:3], len(payload))
	}
	return nil
}

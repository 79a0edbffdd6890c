package address

import (
	"encoding/base32"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"strconv"
	"strings"
)

// Stellar StrKey (SEP-23) version bytes.
const (
	strkeyAccount = 6 << 3  // G…
	strkeyMuxed   = 12 << 3 // M…
	strkeySeed    = 18 << 3 // S…
)

var strkeyEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// checkStellar: a G… account or M… muxed account, StrKey-encoded with a
// CRC16-XModem checksum. A StrKey is valid only if it re-encodes to itself.
func checkStellar(s string) error {
	if n := len(s) % 8; n == 1 || n == 3 || n == 6 || strings.HasSuffix(s, "=") {
		return errors.New("is not a Stellar address: its length cannot be StrKey")
	}
	b, err := strkeyEncoding.DecodeString(s)
	if err != nil || strkeyEncoding.EncodeToString(b) != s || len(b) < 3 {
		return errors.New("is not a Stellar address (G… in upper-case base32)")
	}
	body, sum := b[:len(b)-2], b[len(b)-2:]
	if crc16XModem(body) != binary.LittleEndian.Uint16(sum) {
		return errChecksum
	}
	switch {
	case body[0] == strkeyAccount && len(body) == 33, body[0] == strkeyMuxed && len(body) == 41:
		return nil
	case body[0] == strkeySeed:
		return errors.New("is a Stellar SECRET seed (S…), not an address: never share it; give the account's G… address")
	case body[0] == strkeyAccount, body[0] == strkeyMuxed:
		return fmt.Errorf("is %d bytes long; a Stellar account key is 32", len(body)-1)
	}
	return errors.New("is a Stellar key of another kind; give an account address (G… or M…)")
}

// checkTON: the raw form workchain:64 hex, or the user-friendly form (48
// base64 or base64url characters: flags, workchain, hash, CRC16-XModem).
func checkTON(s string) error {
	if wc, h, ok := strings.Cut(s, ":"); ok {
		if wc != "0" && wc != "-1" {
			return fmt.Errorf("has workchain %s; TON addresses use 0 (or -1)", wc)
		}
		if b, err := hex.DecodeString(h); err != nil || len(b) != 32 {
			return errors.New("is not a raw TON address (0: followed by 64 hex digits)")
		}
		return nil
	}
	if len(s) != 48 {
		return fmt.Errorf("is %d characters; a TON address is 48 (like EQ… or UQ…) or raw 0:<64 hex>", len(s))
	}
	enc := base64.RawURLEncoding
	if strings.ContainsAny(s, "+/") {
		enc = base64.RawStdEncoding
	}
	b, err := enc.DecodeString(s)
	if err != nil || len(b) != 36 {
		return errors.New("is not a TON address (48 characters of base64)")
	}
	if crc16XModem(b[:34]) != binary.BigEndian.Uint16(b[34:]) {
		return errChecksum
	}
	switch {
	case b[0]&0x80 != 0:
		return errors.New("is a TON testnet address; this network is the main one")
	case b[0] != 0x11 && b[0] != 0x51:
		return errors.New("is not a TON address: its flags byte is unknown")
	case b[1] != 0x00 && b[1] != 0xff:
		return fmt.Errorf("has workchain %d; TON addresses use 0 (or -1)", int8(b[1]))
	}
	return nil
}

// cosmosLike checks bech32 addresses of hrp holding a 20-byte account (or a
// 32-byte contract).
func cosmosLike(hrp, name string) func(string) error {
	return func(s string) error {
		got, data, variant, err := bech32Decode(s, true)
		if err != nil {
			return err
		}
		if got != hrp {
			return fmt.Errorf("has the prefix %s1; %s addresses start %s1", got, name, hrp)
		}
		if variant != bech32 {
			return errChecksum
		}
		b, err := convertBits(data)
		if err != nil {
			return err
		}
		if len(b) != 20 && len(b) != 32 {
			return fmt.Errorf("holds %d bytes; a %s address holds 20", len(b), name)
		}
		return nil
	}
}

// checkAvalancheX: bech32 avax1… with a 20-byte address, written with or
// without the chain's X- in front.
func checkAvalancheX(s string) error {
	if len(s) > 2 && s[1] == '-' && strings.ContainsRune("xpc", rune(s[0])) {
		return fmt.Errorf("starts %q: Avalanche writes the chain in upper case (X-avax1…)", s[:2])
	}
	rest, ok := strings.CutPrefix(s, "X-")
	if !ok && (strings.HasPrefix(s, "P-") || strings.HasPrefix(s, "C-")) {
		return errors.New("is an address on another Avalanche chain; this network is the X-Chain (X-avax1…)")
	}
	if strings.HasPrefix(strings.ToLower(rest), "fuji1") {
		return errors.New("is an Avalanche testnet (Fuji) address; this network is the main one")
	}
	return cosmosLike("avax", "Avalanche X-Chain")(rest)
}

// checkCardano: a Shelley address (bech32 addr1…, CIP-19, longer than
// bech32's usual 90-character limit) or a Byron address (base58 of CBOR with
// a CRC32).
func checkCardano(s string) error {
	lower := strings.ToLower(s)
	switch {
	case strings.HasPrefix(lower, "addr_test1"):
		return errors.New("is a Cardano testnet address; this network is the main one")
	case strings.HasPrefix(lower, "stake"):
		return errors.New("is a Cardano stake (reward) address; give a payment address (addr1…)")
	case strings.HasPrefix(lower, "addr1"):
		return checkShelley(s)
	}
	if err := checkByron(s); err != nil {
		return fmt.Errorf("is not a Cardano address (addr1…, or a Byron Ae2…/DdzFF… address): %w", err)
	}
	return nil
}

func checkShelley(s string) error {
	hrp, data, variant, err := bech32Decode(s, false)
	if err != nil {
		return err
	}
	if variant != bech32 || hrp != "addr" {
		return errChecksum
	}
	b, err := convertBits(data)
	if err != nil {
		return err
	}
	if len(b) == 0 {
		return errors.New("is empty after its prefix")
	}
	kind, network := b[0]>>4, b[0]&0x0f
	if network != 1 {
		return errors.New("is marked for a Cardano test network; this network is the main one")
	}
	switch {
	case kind <= 3 && len(b) == 57, kind >= 6 && kind <= 7 && len(b) == 29, (kind == 4 || kind == 5) && len(b) > 29:
		return nil
	case kind > 7:
		return errors.New("is not a payment address; give an addr1… address")
	}
	return fmt.Errorf("holds %d bytes, which does not fit its address type", len(b))
}

// checkByron: CBOR [ tag 24 (bytes), crc32 (uint) ] under base58.
func checkByron(s string) error {
	b, err := base58Decode(s, bitcoinAlphabet)
	if err != nil {
		return err
	}
	if len(b) < 4 || b[0] != 0x82 || b[1] != 0xd8 || b[2] != 0x18 {
		return errors.New("its content is not a Byron address")
	}
	payload, rest, err := cborBytes(b[3:])
	if err != nil {
		return err
	}
	crc, rest, err := cborUint(rest)
	if err != nil || len(rest) != 0 {
		return errors.New("its content is not a Byron address")
	}
	if uint64(crc32.ChecksumIEEE(payload)) != crc {
		return errChecksum
	}
	return nil
}

func cborHead(b []byte, major byte) (uint64, []byte, error) {
	bad := errors.New("its content is not a Byron address")
	if len(b) == 0 || b[0]>>5 != major {
		return 0, nil, bad
	}
	info, b := b[0]&0x1f, b[1:]
	size := map[byte]int{24: 1, 25: 2, 26: 4, 27: 8}[info]
	if info < 24 {
		return uint64(info), b, nil
	}
	if size == 0 || len(b) < size {
		return 0, nil, bad
	}
	v, _ := strconv.ParseUint(hex.EncodeToString(b[:size]), 16, 64)
	return v, b[size:], nil
}

func cborBytes(b []byte) ([]byte, []byte, error) {
	n, rest, err := cborHead(b, 2)
	if err != nil || uint64(len(rest)) < n {
		return nil, nil, errors.New("its content is not a Byron address")
	}
	return rest[:n], rest[n:], nil
}

func cborUint(b []byte) (uint64, []byte, error) { return cborHead(b, 0) }

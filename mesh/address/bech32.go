package address

import (
	"errors"
	"fmt"
	"strings"
)

// Bech32 (BIP-173) and bech32m (BIP-350) decoding.

type bech32Variant int

const (
	bech32  bech32Variant = 1
	bech32m bech32Variant = 0x2bc830a3
)

const bech32Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"

func bech32Polymod(values []byte) uint32 {
	gen := [5]uint32{0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3}
	chk := uint32(1)
	for _, v := range values {
		top := chk >> 25
		chk = (chk&0x1ffffff)<<5 ^ uint32(v)
		for i := range 5 {
			if (top>>i)&1 == 1 {
				chk ^= gen[i]
			}
		}
	}
	return chk
}

func hrpExpand(hrp string) []byte {
	out := make([]byte, 0, len(hrp)*2+1)
	for i := range len(hrp) {
		out = append(out, hrp[i]>>5)
	}
	out = append(out, 0)
	for i := range len(hrp) {
		out = append(out, hrp[i]&31)
	}
	return out
}

// bech32Decode splits s into its human-readable part and 5-bit data
// (checksum removed) and says which checksum it carries. limit applies
// BIP-173's 90-character maximum (Cardano's addresses go past it).
func bech32Decode(s string, limit bool) (hrp string, data []byte, v bech32Variant, err error) {
	if limit && len(s) > 90 {
		return "", nil, 0, fmt.Errorf("is %d characters; a bech32 address has at most 90", len(s))
	}
	if strings.ToLower(s) != s && strings.ToUpper(s) != s {
		return "", nil, 0, errors.New("mixes upper and lower case, which bech32 does not allow")
	}
	for _, r := range s {
		if r < 33 || r > 126 {
			return "", nil, 0, fmt.Errorf("holds %s, which no bech32 address has", quoteRune(r))
		}
	}
	s = strings.ToLower(s)
	sep := strings.LastIndexByte(s, '1')
	if sep < 1 || sep+7 > len(s) {
		return "", nil, 0, errors.New("is not bech32 (a prefix, the separator 1, then data and a 6-character checksum)")
	}
	hrp = s[:sep]
	for _, r := range s[sep+1:] {
		d := strings.IndexRune(bech32Charset, r)
		if d < 0 {
			return "", nil, 0, fmt.Errorf("holds %s after the prefix, a character bech32 leaves out (no 1, b, i or o)", quoteRune(r))
		}
		data = append(data, byte(d))
	}
	switch bech32Variant(bech32Polymod(append(hrpExpand(hrp), data...))) {
	case bech32:
		v = bech32
	case bech32m:
		v = bech32m
	default:
		return "", nil, 0, errChecksum
	}
	return hrp, data[:len(data)-6], v, nil
}

// convertBits regroups 5-bit values into bytes; leftover bits must be fewer
// than 5 and zero.
func convertBits(data []byte) ([]byte, error) {
	var acc, bits uint
	var out []byte
	for _, v := range data {
		acc = acc<<5 | uint(v)
		bits += 5
		for bits >= 8 {
			bits -= 8
			out = append(out, byte(acc>>bits))
		}
	}
	if bits >= 5 || acc&(1<<bits-1) != 0 {
		return nil, errors.New("has bits left over at its end; a character is mistyped, missing or extra")
	}
	return out, nil
}

// segwitDecode checks a native segregated witness address (BIP-173, with
// BIP-350's rule: version 0 uses bech32, later versions bech32m).
func segwitDecode(s, hrp string) error {
	got, data, variant, err := bech32Decode(s, true)
	if err != nil {
		return err
	}
	if got != hrp {
		return fmt.Errorf("has the prefix %s1; this network's addresses start %s1", got, hrp)
	}
	if len(data) == 0 {
		return errors.New("has no witness program after the prefix")
	}
	version := data[0]
	if version > 16 {
		return fmt.Errorf("has witness version %d; versions go from 0 to 16", version)
	}
	prog, err := convertBits(data[1:])
	if err != nil {
		return err
	}
	switch {
	case len(prog) < 2 || len(prog) > 40:
		return fmt.Errorf("holds a %d-byte witness program; they are 2 to 40 bytes", len(prog))
	case version == 0 && len(prog) != 20 && len(prog) != 32:
		return fmt.Errorf("holds a %d-byte version 0 witness program; they are 20 or 32 bytes", len(prog))
	case version == 0 && variant != bech32:
		return errors.New("checksum fails: a version 0 address uses bech32, not bech32m")
	case version > 0 && variant != bech32m:
		return errors.New("checksum fails: an address of witness version 1 or later (like bc1p…) uses bech32m (BIP-350), not bech32")
	}
	return nil
}

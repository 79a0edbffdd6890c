package address

import (
	"crypto/sha256"
	"errors"
	"strings"
)

const (
	bitcoinAlphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
	rippleAlphabet  = "rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz"
)

// notBase58 explains the first character of s that alphabet lacks.
type notBase58 struct{ char rune }

func (e notBase58) Error() string {
	switch e.char {
	case '0', 'O', 'I', 'l':
		return "not base58: it holds " + quoteRune(e.char) + ", a character base58 leaves out (no 0, O, I or l)"
	}
	return "not base58: it holds " + quoteRune(e.char)
}

func quoteRune(r rune) string {
	if r == ' ' {
		return "a space"
	}
	return "'" + string(r) + "'"
}

// base58Decode decodes s in the given alphabet; leading zero characters
// stand for zero bytes.
func base58Decode(s, alphabet string) ([]byte, error) {
	if s == "" {
		return nil, errors.New("is empty")
	}
	var out []byte // big-endian, grown as needed
	for _, r := range s {
		d := strings.IndexRune(alphabet, r)
		if d < 0 {
			return nil, notBase58{r}
		}
		carry := d
		for i := len(out) - 1; i >= 0; i-- {
			carry += int(out[i]) * 58
			out[i] = byte(carry)
			carry >>= 8
		}
		for carry > 0 {
			out = append([]byte{byte(carry)}, out...)
			carry >>= 8
		}
	}
	zeros := 0
	for zeros < len(s) && s[zeros] == alphabet[0] {
		zeros++
	}
	return append(make([]byte, zeros), out...), nil
}

var errChecksum = errors.New("checksum fails: a character is mistyped, missing or extra; copy the address again")

// base58CheckDecode decodes s and verifies its 4-byte double-SHA-256
// checksum, returning the payload without it.
func base58CheckDecode(s, alphabet string) ([]byte, error) {
	b, err := base58Decode(s, alphabet)
	if err != nil {
		return nil, err
	}
	if len(b) < 5 {
		return nil, errors.New("too short for an address")
	}
	payload, sum := b[:len(b)-4], b[len(b)-4:]
	h := sha256.Sum256(payload)
	h = sha256.Sum256(h[:])
	if string(h[:4]) != string(sum) {
		return nil, errChecksum
	}
	return payload, nil
}

// crc16XModem is CRC-16 with polynomial 0x1021 and initial value 0, as
// Stellar's StrKey and TON's addresses use.
func crc16XModem(data []byte) uint16 {
	var crc uint16
	for _, b := range data {
		crc ^= uint16(b) << 8
		for range 8 {
			if crc&0x8000 != 0 {
				crc = crc<<1 ^ 0x1021
			} else {
				crc <<= 1
			}
		}
	}
	return crc
}

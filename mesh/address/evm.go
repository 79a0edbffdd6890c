package address

import (
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/sha3"
)

// checkEVM: 0x and 40 hex digits; mixed case must pass EIP-55.
func checkEVM(s string) error {
	digits, err := hexAfter0x(s, 40, "an EVM address")
	if err != nil {
		return err
	}
	if strings.ToLower(digits) == digits || strings.ToUpper(digits) == digits {
		return nil // one case throughout carries no checksum
	}
	if ChecksumEVM(s) != "0x"+digits {
		return errors.New("checksum fails (EIP-55): a letter's case is wrong, so a character may be mistyped; copy the address again (an address written all in lower case skips the check)")
	}
	return nil
}

// ChecksumEVM writes an EVM address in EIP-55 mixed case.
func ChecksumEVM(addr string) string {
	lower := strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(addr, "0x"), "0X"))
	h := sha3.NewLegacyKeccak256()
	h.Write([]byte(lower))
	sum := h.Sum(nil)
	out := []byte(lower)
	for i, c := range out {
		nibble := sum[i/2] >> 4
		if i%2 == 1 {
			nibble = sum[i/2] & 0xf
		}
		if c >= 'a' && c <= 'f' && nibble >= 8 {
			out[i] = c - 'a' + 'A'
		}
	}
	return "0x" + string(out)
}

// hexAfter0x returns the hex digits of "0x" + n hex digits (any n up to max
// when n is negative), or says what differs.
func hexAfter0x(s string, n int, what string) (string, error) {
	shape := fmt.Sprintf("%s is 0x followed by %d hex digits", what, n)
	if n < 0 {
		shape = fmt.Sprintf("%s is 0x followed by up to %d hex digits", what, -n)
	}
	var digits string
	switch {
	case strings.HasPrefix(s, "0x"):
		digits = s[2:]
	case strings.HasPrefix(s, "0X"):
		return "", errors.New("starts with 0X; write 0x")
	default:
		if _, err := hex.DecodeString(s); err == nil && (len(s) == n || n < 0 && len(s) <= -n) {
			return "", errors.New("needs the 0x prefix")
		}
		return "", errors.New("does not start with 0x; " + shape)
	}
	if i := strings.IndexFunc(digits, func(r rune) bool { return !strings.ContainsRune("0123456789abcdefABCDEF", r) }); i >= 0 {
		return "", fmt.Errorf("holds %s, which is not a hex digit; %s", quoteRune([]rune(digits[i:])[0]), shape)
	}
	if n >= 0 && len(digits) != n || n < 0 && (len(digits) == 0 || len(digits) > -n) {
		return "", fmt.Errorf("has %d hex digits after 0x; %s", len(digits), shape)
	}
	return digits, nil
}

// checkMoveAccount: Sui and Aptos accounts are 0x and up to 64 hex digits.
func checkMoveAccount(s string) error {
	_, err := hexAfter0x(s, -64, "an account address")
	return err
}

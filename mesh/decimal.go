package mesh

import (
	"encoding/json"
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// Decimal is an amount exactly as the user wrote it. It is sent as a JSON
// number with the same digits, so 0.00141 never becomes 0.0014100000000000001.
type Decimal string

var decimalPattern = lazyMustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$`)

// ParseDecimal accepts a plain decimal number ("25", "0.00141", ".5", "99.99")
// that an IEEE double can hold, and returns it in JSON number form.
func ParseDecimal(s string) (Decimal, error) {
	d, err := parseSyntax(s)
	if err != nil {
		return "", err
	}
	if err := d.inRange(); err != nil {
		return "", err
	}
	return d, nil
}

// parseSyntax is ParseDecimal without the range check.
func parseSyntax(s string) (Decimal, error) {
	t := strings.TrimSpace(s)
	if !strings.HasPrefix(t, "+-") {
		t = strings.TrimPrefix(t, "+")
	}
	if !strings.ContainsAny(t, "0123456789") {
		t = "" // "." and "-." would otherwise normalise to 0
	}
	switch {
	case strings.HasPrefix(t, "."):
		t = "0" + t
	case strings.HasPrefix(t, "-."):
		t = "-0" + t[1:]
	}
	t = strings.TrimSuffix(t, ".")
	// Leading zeros ("007") are not JSON; drop them but keep "0.x".
	for len(t) > 1 && t[0] == '0' && t[1] != '.' && t[1] != 'e' && t[1] != 'E' {
		t = t[1:]
	}
	if !decimalPattern.MatchString(t) {
		return "", fmt.Errorf("%q is not a number: write digits with an optional decimal point, like 25 or 0.00141", truncate(s, 40))
	}
	return Decimal(t), nil
}

// Bounds of an amount. Mesh reads amounts into IEEE doubles; beyond these no
// double holds the value, and checking such a number exactly would cost far
// more than it is worth (1e999999 is a million-digit integer).
const (
	maxDecimalDigits   = 100  // digits before the exponent
	maxDecimalExponent = 1000 // |exponent| as written
)

// Check says why d cannot be sent as an amount, or nil when it can.
func (d Decimal) Check() error {
	if !decimalPattern.MatchString(string(d)) {
		return fmt.Errorf("%q is not a number: write digits with an optional decimal point, like 25 or 0.00141", truncate(string(d), 40))
	}
	return d.inRange()
}

// inRange refuses a well-formed number that no IEEE double can hold. It
// costs microseconds whatever the input.
func (d Decimal) inRange() error {
	s := string(d)
	mantissa, exp, _ := strings.Cut(strings.ToLower(s), "e")
	digits := len(mantissa) - strings.Count(mantissa, "-") - strings.Count(mantissa, ".")
	shown := truncate(s, 40)
	if digits > maxDecimalDigits {
		return fmt.Errorf("%s has %d digits; an amount has at most %d (Mesh reads it as an IEEE double, which keeps about 17)", shown, digits, maxDecimalDigits)
	}
	if e := strings.TrimLeft(strings.TrimLeft(exp, "+-"), "0"); len(e) > 4 || (e != "" && mustAtoi(e) > maxDecimalExponent) {
		return fmt.Errorf("%s has an exponent no IEEE double can hold (Mesh reads amounts as doubles: at most about 1.8e308)", shown)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return fmt.Errorf("%s is too large for an IEEE double, which Mesh reads amounts into (at most about 1.8e308)", shown)
	}
	if f == 0 && strings.Trim(mantissa, "-0.") != "" {
		return fmt.Errorf("%s is too small for an IEEE double, which Mesh reads amounts into: it would arrive as 0", shown)
	}
	return nil
}

func mustAtoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func (d Decimal) String() string { return string(d) }

// Rat is the exact value; ok is false when d is not a number ParseDecimal
// accepts.
func (d Decimal) Rat() (r *big.Rat, ok bool) {
	if d == "" || d.Check() != nil { // "" (not given) is the common case: no error to build
		return nil, false
	}
	return new(big.Rat).SetString(string(d))
}

// Positive reports whether d is a number greater than zero.
func (d Decimal) Positive() bool {
	r, ok := d.Rat()
	return ok && r.Sign() > 0
}

func (d Decimal) MarshalJSON() ([]byte, error) {
	if !decimalPattern.MatchString(string(d)) {
		return nil, fmt.Errorf("%q is not a number", string(d))
	}
	return []byte(d), nil
}

// UnmarshalJSON takes a JSON number, or a string holding one (some clients
// quote amounts), and keeps its digits. A number out of an IEEE double's
// range is kept too, for Validate to refuse with the field's path.
func (d *Decimal) UnmarshalJSON(b []byte) error {
	if string(b) == "null" { // Mesh's schema makes amounts nullable: null is unset
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil { // not a quoted amount
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return fmt.Errorf("amount must be a number, got %s", b)
		}
		s = n.String()
	}
	v, err := parseSyntax(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

var bigOne = big.NewRat(1, 1)

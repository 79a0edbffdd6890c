package mesh

import (
	"encoding/json"
	"fmt"
	"math/big"
	"regexp"
	"strings"
)

// Decimal is an amount exactly as the user wrote it. It is sent as a JSON
// number with the same digits, so 0.00141 never becomes 0.0014100000000000001.
type Decimal string

var decimalPattern = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$`)

// ParseDecimal accepts a plain decimal number ("25", "0.00141", ".5", "99.99")
// and returns it in JSON number form.
func ParseDecimal(s string) (Decimal, error) {
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
		return "", fmt.Errorf("%q is not a number: write digits with an optional decimal point, like 25 or 0.00141", s)
	}
	return Decimal(t), nil
}

// MustDecimal is ParseDecimal for literals in code and tests.
func MustDecimal(s string) Decimal {
	d, err := ParseDecimal(s)
	if err != nil {
		panic(err)
	}
	return d
}

func (d Decimal) String() string { return string(d) }

// Rat is the exact value; ok is false when d is not a number.
func (d Decimal) Rat() (r *big.Rat, ok bool) {
	if !decimalPattern.MatchString(string(d)) {
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
// quote amounts), and keeps its digits.
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
	v, err := ParseDecimal(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

var bigOne = big.NewRat(1, 1)

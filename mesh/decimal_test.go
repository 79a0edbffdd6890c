package mesh_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/meshlink/meshlink/mesh"
)

func TestParseDecimal(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"integer", "25", "25"},
		{"small_fraction", "0.00141", "0.00141"},
		{"trailing_zeros_kept", "100.00", "100.00"},
		{"leading_dot", ".5", "0.5"},
		{"negative_leading_dot", "-.5", "-0.5"},
		{"plus_sign_dropped", "+3", "3"},
		{"leading_zeros_dropped", "007", "7"},
		{"leading_zeros_before_point", "00.5", "0.5"},
		{"exponent", "1e3", "1e3"},
		{"zero_exponent", "0e5", "0e5"},
		{"trailing_dot_dropped", "5.", "5"},
		{"surrounding_space", "  99.99\t", "99.99"},
		{"zero", "0", "0"},
		{"negative_parses_validation_rejects", "-2", "-2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := mesh.ParseDecimal(tt.in)
			if err != nil {
				t.Fatalf("ParseDecimal(%q) error: %v", tt.in, err)
			}
			if string(got) != tt.want {
				t.Errorf("ParseDecimal(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseDecimal_rejects(t *testing.T) {
	for name, in := range map[string]string{
		"letters":             "abc",
		"comma_decimal":       "1,5",
		"empty":               "",
		"blank":               "   ",
		"hex":                 "0x10",
		"nan":                 "NaN",
		"infinity":            "Inf",
		"two_points":          "1.2.3",
		"bare_exponent":       "1e",
		"double_minus":        "--1",
		"plus_then_minus":     "+-5",
		"lone_plus":           "+",
		"lone_point":          ".",
		"lone_minus_point":    "-.",
		"inner_space":         "1 000",
		"currency_sign":       "$5",
		"non_ascii_digits":    "١٢",
		"thousands_separator": "1_000",
	} {
		t.Run(name, func(t *testing.T) {
			got, err := mesh.ParseDecimal(in)
			if err == nil {
				t.Fatalf("ParseDecimal(%q) = %q, want an error", in, got)
			}
			if got != "" {
				t.Errorf("ParseDecimal(%q) returned %q with its error, want empty", in, got)
			}
			if !strings.Contains(err.Error(), "like 25 or 0.00141") {
				t.Errorf("error %q does not show how to write a number", err)
			}
		})
	}
}

func TestMustDecimal_panicsOnBadInput(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustDecimal(\"abc\") did not panic")
		}
	}()
	mesh.MustDecimal("abc")
}

func TestDecimal_MarshalJSON_keepsDigits(t *testing.T) {
	for _, in := range []string{"0.00141", "99.99", "100.00", "1e3", "0.1", "123456789012345678901234567890.000000000000000001"} {
		t.Run(in, func(t *testing.T) {
			b, err := json.Marshal(mesh.ToAddress{Amount: mesh.MustDecimal(in)})
			if err != nil {
				t.Fatal(err)
			}
			if want := `{"amount":` + in + `}`; string(b) != want {
				t.Errorf("got %s, want %s", b, want)
			}
		})
	}
}

func TestDecimal_MarshalJSON_refusesNonNumbers(t *testing.T) {
	for _, d := range []mesh.Decimal{"abc", "1,5", "NaN", "+3"} {
		t.Run(string(d), func(t *testing.T) {
			if b, err := json.Marshal(mesh.ToAddress{Amount: d}); err == nil {
				t.Errorf("json.Marshal with amount %q = %s, want an error (it would send invalid JSON)", d, b)
			}
		})
	}
}

func TestDecimal_UnmarshalJSON(t *testing.T) {
	tests := []struct {
		name, in string
		want     mesh.Decimal
	}{
		{"number", `{"amount":0.00141}`, "0.00141"},
		{"number_trailing_zeros", `{"amount":100.00}`, "100.00"},
		{"number_exponent", `{"amount":1e3}`, "1e3"},
		{"quoted_number", `{"amount":"0.00141"}`, "0.00141"},
		{"quoted_integer", `{"amount":"25"}`, "25"},
		{"null_leaves_unset", `{"amount":null}`, ""},
		{"absent", `{}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var a mesh.ToAddress
			if err := json.Unmarshal([]byte(tt.in), &a); err != nil {
				t.Fatalf("Unmarshal(%s): %v", tt.in, err)
			}
			if a.Amount != tt.want {
				t.Errorf("Amount = %q, want %q", a.Amount, tt.want)
			}
		})
	}
}

func TestDecimal_UnmarshalJSON_rejects(t *testing.T) {
	for name, in := range map[string]string{
		"quoted_word": `{"amount":"abc"}`,
		"boolean":     `{"amount":true}`,
		"object":      `{"amount":{}}`,
		"array":       `{"amount":[1]}`,
		"quoted_nan":  `{"amount":"NaN"}`,
	} {
		t.Run(name, func(t *testing.T) {
			var a mesh.ToAddress
			err := json.Unmarshal([]byte(in), &a)
			if err == nil {
				t.Fatalf("Unmarshal(%s) = %q, want an error", in, a.Amount)
			}
			if !strings.Contains(err.Error(), "number") {
				t.Errorf("error %q does not say a number was expected", err)
			}
		})
	}
}

func TestDecimal_Positive(t *testing.T) {
	for in, want := range map[mesh.Decimal]bool{
		"25": true, "0.000001": true, "1e-3": true, "100.00": true,
		"0": false, "0.0": false, "-0": false, "-1": false, "0e5": false,
		"": false, "abc": false, "+3": false,
	} {
		if got := in.Positive(); got != want {
			t.Errorf("Decimal(%q).Positive() = %v, want %v", in, got, want)
		}
	}
}

func TestDecimal_Rat(t *testing.T) {
	r, ok := mesh.Decimal("1e3").Rat()
	if !ok || r.RatString() != "1000" {
		t.Errorf("Decimal(1e3).Rat() = %v, %v; want 1000, true", r, ok)
	}
	r, ok = mesh.Decimal("0.00141").Rat()
	if !ok || r.RatString() != "141/100000" {
		t.Errorf("Decimal(0.00141).Rat() = %v, %v; want 141/100000, true", r, ok)
	}
	if _, ok := mesh.Decimal("1/3").Rat(); ok {
		t.Error("Decimal(1/3).Rat() ok, want not a number (big.Rat would accept it)")
	}
}

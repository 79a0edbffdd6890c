package mesh_test

import (
	"encoding/json"
	"runtime"
	"strings"
	"testing"

	"github.com/meshlink/meshlink/mesh"
)

func TestParseDecimal_refusesWhatNoDoubleHolds(t *testing.T) {
	for name, in := range map[string]string{
		"exponent_bomb":           "1e999999",
		"negative_exponent_bomb":  "1e-999999",
		"zero_with_huge_exponent": "0e999999999999999999999",
		"just_past_max_float":     "1.8e308",
		"400_digit_integer":       "1" + strings.Repeat("0", 399),
		"below_smallest_double":   "1e-330",
		"long_fraction":           "0." + strings.Repeat("1", 200),
	} {
		t.Run(name, func(t *testing.T) {
			got, err := mesh.ParseDecimal(in)
			if err == nil {
				t.Fatalf("ParseDecimal(%.40s…) = %.40s, want an error", in, got)
			}
			if !strings.Contains(err.Error(), "double") {
				t.Errorf("error %q does not say why (an IEEE double)", err)
			}
			if len(err.Error()) > 300 {
				t.Errorf("error repeats the input: %d bytes", len(err.Error()))
			}
			if _, ok := mesh.Decimal(in).Rat(); ok {
				t.Errorf("Rat() accepts what ParseDecimal refuses")
			}
		})
	}
	for _, in := range []string{"1.7976931348623157e308", "5e-324", "1e308", "123456789012345678901234567890.000000000000000001", "0e5", "1e-3"} {
		if _, err := mesh.ParseDecimal(in); err != nil {
			t.Errorf("ParseDecimal(%s): %v", in, err)
		}
	}
}

// An out-of-range amount in a body decodes, so that Validate can name its
// field; checking 800 of them must cost next to nothing. (Before, each cost a
// million-digit big.Rat: megabytes and ~30 ms apiece.)
func TestValidate_exponentBombNamesTheFieldCheaply(t *testing.T) {
	var addrs []string
	for range 800 {
		addrs = append(addrs, `{"networkId":"`+solanaID+`","symbol":"USDC","address":"`+solAddr+`","amount":1e999999}`)
	}
	body := `{"userId":"u1","transferOptions":{"transactionId":"t1","transferType":"payment","toAddresses":[` + strings.Join(addrs, ",") + `]}}`
	r, err := mesh.DecodeBody([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	errs := mesh.Validate(r, nil).Errors()
	runtime.ReadMemStats(&after)
	if len(errs) != 800 || errs[799].Path != "transferOptions.toAddresses[799].amount" || !strings.Contains(errs[799].Message, "exponent") {
		t.Fatalf("got %d errors, last %v; want 800 naming each amount", len(errs), errs[len(errs)-1])
	}
	if spent := after.TotalAlloc - before.TotalAlloc; spent > 4<<20 {
		t.Errorf("validating 800 out-of-range amounts allocated %d MiB, want well under 4", spent>>20)
	}
}

func TestDecimal_JSONKeepsOutOfRangeForValidate(t *testing.T) {
	var a mesh.ToAddress
	if err := json.Unmarshal([]byte(`{"amount":1e999999}`), &a); err != nil {
		t.Fatal(err)
	}
	if a.Amount.Check() == nil {
		t.Error("Check() accepts 1e999999")
	}
}

func BenchmarkValidate_exponentBomb(b *testing.B) {
	r := validPayment()
	r.TransferOptions.ToAddresses[0].Amount = "1e999999"
	for b.Loop() {
		mesh.Validate(r, nil)
	}
}

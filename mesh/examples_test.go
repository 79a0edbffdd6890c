package mesh_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/meshlink/meshlink/mesh"
)

// examplesDir holds Mesh's own example bodies (testdata/mesh-examples/README.md).
const examplesDir = "../testdata/mesh-examples"

func readExample(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(examplesDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Mesh's own examples, as its documents show them, against meshlink's rules
// and the built-in catalog: only what is really wrong with them is refused.
func TestMeshExamples(t *testing.T) {
	cat := mesh.Snapshot()
	tests := []struct {
		file     string
		errs     []want // every error, in order
		warnings []want // every warning, in order
	}{
		// The guide's bodies: the schema takes them; their "xxx" placeholders are refused.
		{"guide-deposit.json", []want{
			errAt("transferOptions.toAddresses[0].address", `"xxx" is a placeholder: put the real Solana address here`),
			errAt("transferOptions.toAddresses[1].address", `"xxx" is a placeholder: put the real Ethereum address here`),
			errAt("transferOptions.toAddresses[2].address", `"xxx" is a placeholder: put the real Base address here`),
		}, nil},
		{"guide-payment.json", []want{
			errAt("transferOptions.toAddresses[0].address", "placeholder"),
			errAt("transferOptions.toAddresses[1].address", "placeholder"),
			errAt("transferOptions.toAddresses[2].address", "placeholder"),
			errAt("transferOptions.toAddresses[3].address", `"xxx" is a placeholder: put the real Bitcoin address here`),
		}, nil},
		{"guide-onramp.json", []want{errAt("transferOptions.toAddresses[0].address", "placeholder")}, nil},
		{"guide-withdrawal.json", nil, nil},
		{"guide-verify.json", []want{errAt("verifyWalletOptions.addresses[0]", `"xxx" is a placeholder: put the real Solana address here`)},
			[]want{warnAt("verifyWalletOptions.networkType", "is given together with networkId, which Mesh's guide says not to do (its own verify example does)")}},
		// Filled in with real addresses, every one is accepted.
		{"filled/guide-deposit.json", nil, nil},
		{"filled/guide-payment.json", nil, nil},
		{"filled/guide-onramp.json", nil, nil},
		{"filled/guide-withdrawal.json", nil, nil},
		{"filled/guide-verify.json", nil, []want{warnAt("verifyWalletOptions.networkType", "is given together with networkId")}},
		// The PayLinks guide prices a payment in USD, with no amount per destination.
		{"paylinks.json", nil, []want{warnAt("transferOptions.amountInFiat", "prices this payment in USD: Mesh picks the crypto amount at its own rate")}},
	}
	for _, tt := range tests {
		t.Run(strings.TrimSuffix(tt.file, ".json"), func(t *testing.T) {
			r, err := mesh.DecodeBody(readExample(t, tt.file))
			if err != nil {
				t.Fatalf("DecodeBody refused Mesh's own example: %v", err)
			}
			ps := mesh.Validate(r, cat)
			checkProblems(t, ps.Errors(), tt.errs...)
			checkProblems(t, ps.Warnings(), tt.warnings...)
			// What meshlink sends is Mesh's body, key for key and number
			// for number (100.00 stays 100.00).
			if got, want := asJSONValue(t, mustEncode(t, r)), asJSONValue(t, readExample(t, tt.file)); !reflect.DeepEqual(got, want) {
				t.Errorf("meshlink would send\n%s\nnot Mesh's example\n%s", mustEncode(t, r), readExample(t, tt.file))
			}
		})
	}
}

// The API reference's example still sends configurationId, removed in 2023.
func TestMeshExample_apiReference(t *testing.T) {
	_, err := mesh.DecodeBody(readExample(t, "api-reference.json"))
	var ire *mesh.InvalidRequestError
	if !errors.As(err, &ire) || len(ire.Problems) != 1 || ire.Problems[0].Path != "configurationId" ||
		!strings.Contains(ire.Problems[0].Message, "use integrationId") {
		t.Fatalf("err = %v, want configurationId refused with a pointer to integrationId", err)
	}
	// Without it, its address is still no EVM address (23 hex digits).
	body := strings.Replace(string(readExample(t, "api-reference.json")), `"configurationId":"18a20b11-e47f-43b9-8546-94284e9ee547",`, "", 1)
	r, err := mesh.DecodeBody([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	checkProblems(t, mesh.Validate(r, mesh.Snapshot()).Errors(),
		errAt("transferOptions.toAddresses[0].address", "has 23 hex digits after 0x; an EVM address is 0x followed by 40 hex digits"))
}

// asJSONValue is b as generic JSON, numbers kept as written.
func asJSONValue(t *testing.T, b []byte) any {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func mustEncode(t *testing.T, r *mesh.LinkTokenRequest) []byte {
	t.Helper()
	b, err := mesh.EncodeBody(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

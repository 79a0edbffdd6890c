package wizard

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/meshlink/meshlink/mesh"
)

// Mesh's own example bodies through the wizard's editor (sources:
// testdata/mesh-examples/README.md): the filled-in ones are taken key for
// key; the guide's as printed are taken too, their placeholders flagged; the
// API reference's is refused with the pointer to integrationId.
func TestEditorTakesMeshExamples(t *testing.T) {
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "mesh-examples", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	for _, name := range []string{"filled/guide-deposit.json", "filled/guide-payment.json", "filled/guide-onramp.json", "filled/guide-withdrawal.json", "filled/guide-verify.json", "paylinks.json"} {
		t.Run(name, func(t *testing.T) {
			h := newHarness(t)
			h.loadBody(string(read(name)))
			want, err := mesh.DecodeBody(read(name))
			if err != nil {
				t.Fatal(err)
			}
			if got, _ := mesh.EncodeBody(h.m.s.request()); string(got) != string(mustEncode(t, want)) {
				t.Errorf("the editor changed Mesh's example:\n%s\nwant\n%s\nstatus: %s", got, mustEncode(t, want), h.m.s.status.text)
			}
			if errs := mesh.Validate(h.m.s.request(), h.m.s.catalog).Errors(); len(errs) > 0 {
				t.Errorf("errors: %v", errs)
			}
		})
	}
	h := newHarness(t)
	h.loadBody(string(read("guide-deposit.json")))
	h.wantView(`"xxx" is a placeholder`)

	h = newHarness(t)
	h.loadBody(string(read("filled/guide-withdrawal.json")))
	h.send(bodyEditedMsg{text: read("api-reference.json")})
	if st := h.m.s.status.text; !strings.Contains(st, "configurationId: Mesh removed configurationId") || !strings.Contains(st, "use integrationId") || strings.Contains(st, "\n") {
		t.Errorf("status = %q, want the pointer to integrationId on one line", st)
	}
}

func mustEncode(t *testing.T, r *mesh.LinkTokenRequest) string {
	t.Helper()
	b, err := mesh.EncodeBody(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// What Mesh's 2026 schema added goes through the editor as it came.
func TestEditorKeepsSchema2026Fields(t *testing.T) {
	body := `{
  "userId": "u-1",
  "brokerType": "binancePay",
  "transferOptions": {
    "transactionId": "order-7",
    "transferType": "fiatOnRamp",
    "description": "Two tickets",
    "goodsDetails": [
      {
        "goodsType": "02",
        "goodsName": "Ticket"
      }
    ],
    "toAddresses": [
      {
        "networkId": "0291810a-5947-424d-9a59-e88bb33e999d",
        "symbol": "USDC",
        "address": "7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV"
      }
    ]
  }
}
`
	h := newHarness(t)
	h.loadBody(body)
	got, err := mesh.EncodeBody(h.m.s.request())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"brokerType": "binancePay"`, `"transferType": "fiatOnRamp"`, `"description": "Two tickets"`, `"goodsType": "02"`} {
		if !strings.Contains(string(got), want) {
			t.Errorf("the editor dropped %s:\n%s", want, got)
		}
	}
	h.wantView("brokerType: is deprecated", "fiatOnRamp is a bank-transfer flow")
}

package webhook_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"testing"

	"github.com/meshlink/meshlink/mesh/webhook"
)

// The worked example of ../shared/mesh-after-token.md §2.6: a made-up
// secret, a 474-byte body, and the answers Python's hmac gave for them.
const (
	exampleSecret = "mesh_demo_secret_DO_NOT_USE"
	exampleBody   = `{"Id":"358c6ab7-4518-416b-9266-c680fda3a8dd","EventId":"56713e70-be74-4a37-0036-08da97f5941a","SentTimestamp":1720532648,"UserId":"user-123","TransactionId":"order-42","TransferId":"dd4063e5-f317-441c-3f07-08dc7353b6f8","TransferStatus":"Succeeded","TxHash":"0xabc123","Chain":"Ethereum","Token":"USDC","DestinationAddress":"0x0Ff0000f0A0f0000F0F000000000ffFf00f0F0f0","SourceAccountProvider":"Sandbox","SourceAmount":25.0,"DestinationAmount":25.0,"Timestamp":1715175519038}`
	exampleSHA256 = "a34829fc5f685854d3fa9bbf8aa4f5208ad7301c84b04c741b79a91944e7243f"
	exampleHeader = "LYtbBmvRSMv/EVJIQiNEZoWGSXFJLpib3NYFQpjMmtI="
	exampleHex    = "2d8b5b066bd148cbff1152484223446685864971492e989bdcd6054298cc9ad2"
	// The same JSON as Python's json.dumps(indent=1) writes it.
	exampleIndent1Header = "hDEVsk6Mb2BFwOUgE6HMYB9YBdR7j9SR4SWTa9657OM="
)

// hmacSHA256 is RFC 2104 spelled out on SHA-256, so the known answers do
// not rest on the crypto/hmac that Sign uses.
func hmacSHA256(key, msg []byte) []byte {
	const block = 64
	if len(key) > block {
		k := sha256.Sum256(key)
		key = k[:]
	}
	pad := func(b byte) []byte {
		p := make([]byte, block)
		copy(p, key)
		for i := range p {
			p[i] ^= b
		}
		return p
	}
	inner := sha256.Sum256(append(pad(0x36), msg...))
	outer := sha256.Sum256(append(pad(0x5c), inner[:]...))
	return outer[:]
}

func TestKnownAnswers(t *testing.T) {
	body := []byte(exampleBody)
	if len(body) != 474 {
		t.Fatalf("the example body is %d bytes, want 474", len(body))
	}
	if sum := sha256.Sum256(body); hex.EncodeToString(sum[:]) != exampleSHA256 {
		t.Fatalf("sha256 of the body = %x, want %s", sum, exampleSHA256)
	}
	mac := hmacSHA256([]byte(exampleSecret), body)
	if got := base64.StdEncoding.EncodeToString(mac); got != exampleHeader {
		t.Fatalf("the test's own HMAC = %s, want %s", got, exampleHeader)
	}
	if got := hex.EncodeToString(mac); got != exampleHex {
		t.Fatalf("the test's own HMAC in hex = %s, want %s", got, exampleHex)
	}
	if got := webhook.Sign(exampleSecret, body); got != exampleHeader {
		t.Errorf("Sign = %s, want %s", got, exampleHeader)
	}
	var indented bytes.Buffer
	if err := json.Indent(&indented, body, "", " "); err != nil {
		t.Fatal(err)
	}
	if got := webhook.Sign(exampleSecret, indented.Bytes()); got != exampleIndent1Header {
		t.Errorf("Sign of the body indented = %s, want %s", got, exampleIndent1Header)
	}
	// More vectors, each against the spelled-out HMAC: empty body, long key.
	for _, c := range []struct{ secret, body string }{
		{"s", ""},
		{string(bytes.Repeat([]byte("k"), 100)), exampleBody},
		{"ключ", `{"UserId":"jörg"}`},
	} {
		want := base64.StdEncoding.EncodeToString(hmacSHA256([]byte(c.secret), []byte(c.body)))
		if got := webhook.Sign(c.secret, []byte(c.body)); got != want {
			t.Errorf("Sign(%q, %q) = %s, want %s", c.secret, c.body, got, want)
		}
	}
}

func TestVerify(t *testing.T) {
	body := []byte(exampleBody)
	for _, c := range []struct {
		name, secret, sig string
		body              []byte
		want              bool
	}{
		{"as Mesh sends it", exampleSecret, exampleHeader, body, true},
		{"spaces around the header value", exampleSecret, "  " + exampleHeader + " ", body, true},
		{"hex", exampleSecret, exampleHex, body, false},
		{"no padding", exampleSecret, exampleHeader[:43], body, false},
		{"another secret", exampleSecret + "x", exampleHeader, body, false},
		{"no secret", "", exampleHeader, body, false},
		{"a trailing newline", exampleSecret, exampleHeader, append(body[:len(body):len(body)], '\n'), false},
		{"empty", exampleSecret, "", body, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := webhook.Verify(c.secret, c.body, c.sig); got != c.want {
				t.Errorf("Verify = %v, want %v", got, c.want)
			}
		})
	}
}

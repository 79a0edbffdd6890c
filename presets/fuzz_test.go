package presets

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// Whatever a preset file holds (they are shared by teams: untrusted), Decode
// reads it or says why not, in words fit for a terminal; what it reads
// encodes to a file that decodes to the same preset, byte for byte stable.
// Version 0 files go through the migration on the way.
func FuzzDecode(f *testing.F) {
	golden, err := os.ReadFile(filepath.Join("testdata", "TestFileFormatGolden.golden"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(golden, "")
	f.Add(golden, "renamed")
	for _, s := range []string{
		`{"useCase":"deposit","request":{"userId":"u","transferOptions":{"transferType":"deposit","transactionId":"t"}}}`, // version 0
		`{"userId":"u","verifyWalletOptions":{"verificationMethods":["signedMessage"]}}`,                                  // a bare body
		`{"version":1,"name":"x","description":"\u001b]52;c;eA==\u0007","useCase":"withdrawal","request":{"userId":"u\u202e"}}`,
		`{"version":1,"useCase":"deposit","request":{"userId":"u","transferOptions":{"toAddresses":[{"amount":1e999999}]}}}`,
		`{"version":7}`, `{"version":-1}`, `{"version":1,"request":null}`, `[]`, `{`, `{"version":1,"request":{"userId":"u","accessTokens":[{"accessToken":"t"}]}}`,
		`{"version":1,"name":"x","useCase":"payment","fresh":["userId","transferOptions.transactionId","bogus"],"request":{"userId":"u"}}`,
	} {
		f.Add([]byte(s), "fuzzed")
	}
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		p, err := Decode(data, name)
		if err != nil {
			msg := err.Error()
			if !utf8.ValidString(msg) || strings.ContainsFunc(msg, func(r rune) bool {
				return (unicode.IsControl(r) && r != '\n') || unicode.Is(unicode.Bidi_Control, r)
			}) {
				t.Fatalf("Decode's error holds a control character: %q", msg)
			}
			return
		}
		if ValidateName(p.Name) != nil {
			return // the store refuses such a name before it writes anything
		}
		enc, err := Encode(p)
		if err != nil {
			t.Fatalf("Decode read a preset that Encode refuses: %v\n%s", err, data)
		}
		p2, err := Decode(enc, "")
		if err != nil {
			t.Fatalf("Encode's own file does not decode: %v\n%s", err, enc)
		}
		enc2, err := Encode(p2)
		if err != nil || !bytes.Equal(enc, enc2) {
			t.Fatalf("round trip not stable (%v):\n%s\nvs\n%s", err, enc, enc2)
		}
		if p2.Name != p.Name || p2.UseCase != p.UseCase {
			t.Fatalf("name or use case changed: %q %q -> %q %q", p.Name, p.UseCase, p2.Name, p2.UseCase)
		}
	})
}

// What decodeCurrent reads in one pass, decodeAny reads the same: the quick
// way never takes a file the strict one refuses, nor reads it otherwise.
func FuzzDecodeCurrent(f *testing.F) {
	golden, err := os.ReadFile(filepath.Join("testdata", "TestFileFormatGolden.golden"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(golden)
	for _, s := range []string{
		`{"version":1,"name":"x","useCase":"deposit","request":{"userId":"u"}}`,
		`{"VERSION":1,"Name":"x","useCase":"deposit","REQUEST":{"UserId":"u"}}`,
		`{"version":1,"useCase":"deposit","request":{"userId":"u"},"request":{"integrationId":"i"}}`,
		`{"version":1,"useCase":"deposit","request":{"userId":"u"},"Request":{"userId":"v"}}`,
		`{"version":1,"useCase":"deposit","descripton":"typo","request":{"userId":"u"}}`,
		`{"version":1,"useCase":"deposit","request":{"userId":"u","UserId":"v"}}`,
		`{"version":1,"useCase":"deposit","request":{"userId":"u","transferOptions":{"transferType":"DEPOSIT"}}}`,
		`{"version":1,"useCase":"deposit","request":null}`, `{"version":1,"useCase":"deposit"}`,
		`{"version":1,"useCase":"deposit","request":{"userId":"u"}} {}`, `{"version":1,"fresh":["userId","userId"],"request":{}}`,
		"{\"version\":1,\"useCase\":\"deposit\",\"re\u0071uest\":{\"userId\":\"u\"}}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fast, fastReq, ok := decodeCurrent(data)
		if !ok {
			return
		}
		slow, slowReq, err := decodeAny(data, "")
		if err != nil {
			t.Fatalf("decodeCurrent read what decodeAny refuses (%v): %q", err, data)
		}
		fast.Request, slow.Request = nil, nil
		if !reflect.DeepEqual(fast, slow) || !reflect.DeepEqual(fastReq, slowReq) {
			t.Fatalf("read otherwise:\n%+v %+v\n%+v %+v\nfrom %q", fast, fastReq, slow, slowReq, data)
		}
	})
}

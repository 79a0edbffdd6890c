package mesh

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/meshlink/meshlink/mesh/jsontok"
)

// On valid JSON, the body walker finds the same problems reading through a
// jsontok.Reader as through json.Decoder.
func FuzzBodyWalkerReaders(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "TestGoldenBodies", "*.golden"))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{
		`{"userId":"u\"v\\w\u00e9\ud83d\ude00","UserID":"x","transferOptions":{"toAdresses":[{"amount":-1.5e+3,"x":[{},[],null,true,false]}]}}`,
		` [ 1 , "a" , { "b" : [ ] } ] `, `"top"`, `null`, "{\"userId\":\"\xff\xfe\"}", `{"userId":1,"transferOptions":{"transferType":"PAYMENT","amountInFiat":"1e"}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !json.Valid(data) {
			return
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		slow, fast := &bodyWalker{dec: decoderTokens{dec}}, &bodyWalker{dec: jsontok.NewReader(data)}
		if err := slow.root(); err != nil {
			t.Fatalf("json.Decoder failed on valid JSON: %v", err)
		}
		if err := fast.root(); err != nil {
			t.Fatalf("jsontok failed: %v", err)
		}
		if !reflect.DeepEqual(slow.problems, fast.problems) {
			t.Fatalf("problems differ:\njsontok:      %v\njson.Decoder: %v\nin %q", fast.problems, slow.problems, data)
		}
	})
}

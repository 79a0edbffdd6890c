package mesh

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// On valid JSON, validTokens reads what json.Decoder reads, and a body's
// keys get the same problems through either.
func FuzzValidTokens(f *testing.F) {
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
		` [ 1 , "a" , { "b" : [ ] } ] `, `"top"`, `-0.0E-2`, `null`, "{\"userId\":\"\xff\xfe\"}", `{"a\u0000b":{"c":"d"}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !json.Valid(data) {
			return
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		want, got := decoderTokens{dec}, &validTokens{data: data}
		for {
			if w, g := want.More(), got.More(); w != g {
				t.Fatalf("More() = %v, json.Decoder says %v, at byte %d of %q", g, w, got.i, data)
			}
			wt, werr := want.Token()
			gt, gerr := got.Token()
			if !reflect.DeepEqual(wt, gt) || (werr == nil) != (gerr == nil) {
				t.Fatalf("Token() = %#v, %v; json.Decoder says %#v, %v; in %q", gt, gerr, wt, werr, data)
			}
			if werr != nil {
				break
			}
		}
		dec = json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		slow, fast := &bodyWalker{dec: decoderTokens{dec}}, &bodyWalker{dec: &validTokens{data: data}}
		if err := slow.root(); err != nil {
			t.Fatalf("json.Decoder failed on valid JSON: %v", err)
		}
		if err := fast.root(); err != nil {
			t.Fatalf("validTokens failed: %v", err)
		}
		if !reflect.DeepEqual(slow.problems, fast.problems) {
			t.Fatalf("problems differ:\nvalidTokens:  %v\njson.Decoder: %v\nin %q", fast.problems, slow.problems, data)
		}
	})
}

package jsontok

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// On valid JSON, a Reader reads what json.Decoder reads: the same tokens,
// the same More, and SkipValue passes over what Decode takes as a
// json.RawMessage.
func FuzzReader(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("..", "testdata", "TestGoldenBodies", "*.golden"))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, uint8(3))
	}
	for _, s := range []string{
		`{"userId":"u\"v\\w\u00e9\ud83d\ude00","UserID":"x","transferOptions":{"toAdresses":[{"amount":-1.5e+3,"x":[{},[],null,true,false]}]}}`,
		` [ 1 , "a" , { "b" : [ ] } ] `, `"top"`, `-0.0E-2`, `null`, "{\"userId\":\"\xff\xfe\"}", `{"a\u0000b":{"c":"d"}}`,
	} {
		f.Add([]byte(s), uint8(2))
	}
	f.Fuzz(func(t *testing.T, data []byte, skipEvery uint8) {
		if !json.Valid(data) {
			return
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		r := NewReader(data)
		for n := 1; ; n++ {
			if w, g := dec.More(), r.More(); w != g {
				t.Fatalf("More() = %v, json.Decoder says %v, at byte %d of %q", g, w, r.i, data)
			}
			var want json.RawMessage
			// Decode takes a value, and refuses (taking nothing) where a key is due.
			if skipEvery > 0 && n%int(skipEvery) == 0 && dec.More() && dec.Decode(&want) == nil {
				if got, err := r.SkipValue(); !bytes.Equal(got, want) || err != nil {
					t.Fatalf("SkipValue() = %q, %v; json.Decoder takes %q; in %q", got, err, want, data)
				}
				continue
			}
			wt, werr := dec.Token()
			gt, gerr := r.Token()
			if !reflect.DeepEqual(wt, gt) || (werr == nil) != (gerr == nil) {
				t.Fatalf("Token() = %#v, %v; json.Decoder says %#v, %v; in %q", gt, gerr, wt, werr, data)
			}
			if werr != nil {
				break
			}
		}
	})
}

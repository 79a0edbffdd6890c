package webhook

import (
	"bytes"
	"encoding/json"
	"math/big"
	"reflect"
	"testing"
)

// meaning decodes JSON with numbers as exact rationals, so 25.0 and 25 are
// one value and 0.1 is not 0.1000000000000000055.
func meaning(t *testing.T, b []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("%q: %v", b, err)
	}
	var walk func(any) any
	walk = func(v any) any {
		switch v := v.(type) {
		case json.Number:
			r, ok := new(big.Rat).SetString(string(v))
			if !ok {
				return string(v)
			}
			return r.RatString()
		case map[string]any:
			for k, e := range v {
				v[k] = walk(e)
			}
		case []any:
			for i, e := range v {
				v[i] = walk(e)
			}
		}
		return v
	}
	return walk(v)
}

// Every style writes valid JSON meaning what the body means (numbers
// through a float64 aside, which is the point of that style), and
// restyling a compact body the compact way gives it back.
func FuzzRestyle(f *testing.F) {
	for _, s := range []string{
		`{"Id":"a","SourceAmount":25.0,"Timestamp":1715175519038,"x":[1,2.50,{"k":"v"}],"z":null,"t":true}`,
		`{"s":"jörg <&> \u2028 \ud83d\ude00 \" \\ \n \b \f \u0001 \u007f é'+` + "`" + `"}`,
		` { "b" : [ ] , "a" : { } } `, `[]`, `"x"`, `-0.0e-7`, `{"a":1e400}`, `{"a":"\xff"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		if !json.Valid(body) || len(body) > 4096 {
			return
		}
		v := parseValue(body)
		want := meaning(t, body)
		for s := range allStyles() {
			out := s.write(v)
			if !json.Valid(out) {
				t.Fatalf("style %+v wrote invalid JSON %q from %q", s, out, body)
			}
			if s.numbers == numbersShort {
				continue
			}
			if got := meaning(t, out); !reflect.DeepEqual(got, want) {
				t.Fatalf("style %+v changed the meaning of %q: %q", s, body, out)
			}
		}
		var compact bytes.Buffer
		_ = json.Compact(&compact, body)
		if out := (style{}).write(v); !bytes.Equal(out, compact.Bytes()) {
			t.Fatalf("the compact style wrote %q, json.Compact %q", out, compact.Bytes())
		}
	})
}

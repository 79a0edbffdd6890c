// Package jsontok reads the tokens of a text already known to be valid JSON
// (json.Valid, or json.Unmarshal has taken it) as json.Decoder's Token
// gives them with UseNumber, without the decoder's cost per token (a
// checked scan of every byte, an error built and dropped for each value):
// it finds where each token ends and nothing more. Given anything else, it
// gives wrong tokens rather than an error. mesh reads the keys of a body
// through it, presets the keys of a preset file.
package jsontok

import (
	"bytes"
	"encoding/json"
	"io"
	"unicode/utf8"
)

// Reader reads the tokens of one valid JSON text.
type Reader struct {
	data []byte
	i    int
}

// NewReader reads data, which must be valid JSON.
func NewReader(data []byte) *Reader { return &Reader{data: data} }

// skip passes over spaces and the separators json.Decoder's Token does not
// return.
func (r *Reader) skip() {
	for r.i < len(r.data) {
		switch r.data[r.i] {
		case ' ', '\t', '\n', '\r', ',', ':':
			r.i++
		default:
			return
		}
	}
}

// More reports whether the object or array being read has another element.
func (r *Reader) More() bool {
	r.skip()
	return r.i < len(r.data) && r.data[r.i] != '}' && r.data[r.i] != ']'
}

// Token is the next token: a json.Delim, a string, a json.Number, a bool or
// nil; io.EOF after the last.
func (r *Reader) Token() (json.Token, error) {
	start, err := r.next()
	if err != nil {
		return nil, err
	}
	switch c := r.data[start]; c {
	case '{', '}', '[', ']':
		return json.Delim(c), nil
	case '"':
		raw := r.data[start:r.i]
		if plain(raw) {
			return string(raw[1 : len(raw)-1]), nil
		}
		var s string
		_ = json.Unmarshal(raw, &s) // valid JSON: escapes and bad UTF-8 as encoding/json reads them
		return s, nil
	case 't':
		return true, nil
	case 'f':
		return false, nil
	case 'n':
		return nil, nil
	}
	return json.Number(r.data[start:r.i]), nil
}

// SkipValue passes over the next value, whole, and returns its text.
func (r *Reader) SkipValue() ([]byte, error) {
	r.skip()
	start := r.i
	for depth := 0; ; {
		at, err := r.next()
		if err != nil {
			return nil, err
		}
		switch r.data[at] {
		case '{', '[':
			depth++
		case '}', ']':
			depth--
		}
		if depth == 0 {
			return r.data[start:r.i], nil
		}
	}
}

// next moves past the next token and returns where it starts.
func (r *Reader) next() (int, error) {
	r.skip()
	if r.i == len(r.data) {
		return 0, io.EOF
	}
	start := r.i
	switch r.data[r.i] {
	case '{', '}', '[', ']':
		r.i++
	case '"':
		for r.i++; r.data[r.i] != '"'; r.i++ {
			if r.data[r.i] == '\\' {
				r.i++
			}
		}
		r.i++
	case 't', 'n':
		r.i += len("true")
	case 'f':
		r.i += len("false")
	default:
		for r.i < len(r.data) && isNumberByte(r.data[r.i]) {
			r.i++
		}
	}
	return start, nil
}

// plain is a quoted string with no escape and only UTF-8, whose text is
// what lies between its quotes.
func plain(quoted []byte) bool {
	return bytes.IndexByte(quoted, '\\') < 0 && utf8.Valid(quoted)
}

func isNumberByte(c byte) bool {
	return '0' <= c && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'
}

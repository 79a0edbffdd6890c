package mesh

import (
	"encoding/json"
	"io"
	"unicode/utf8"
)

// bodyTokens is what bodyWalker reads a body through: json.Decoder's token
// API, or validTokens once the body is known to be valid JSON.
type bodyTokens interface {
	Token() (json.Token, error)
	More() bool
	skipValue() error
}

// decoderTokens reads any input, and its errors say where the JSON broke.
type decoderTokens struct{ *json.Decoder }

func (d decoderTokens) skipValue() error {
	var raw json.RawMessage
	return d.Decode(&raw)
}

// validTokens gives the tokens json.Decoder would (with UseNumber) from a
// text already known to be valid JSON, without the decoder's per-token cost
// (a checked scan of every byte, an error built and dropped for each value):
// it finds where each token ends and nothing more.
type validTokens struct {
	data []byte
	i    int
}

func (v *validTokens) skipSpace() {
	for v.i < len(v.data) {
		switch v.data[v.i] {
		case ' ', '\t', '\n', '\r', ',', ':':
			v.i++
		default:
			return
		}
	}
}

func (v *validTokens) More() bool {
	v.skipSpace()
	return v.i < len(v.data) && v.data[v.i] != '}' && v.data[v.i] != ']'
}

func (v *validTokens) Token() (json.Token, error) {
	v.skipSpace()
	if v.i == len(v.data) {
		return nil, io.EOF
	}
	start := v.i
	switch c := v.data[v.i]; c {
	case '{', '}', '[', ']':
		v.i++
		return json.Delim(c), nil
	case '"':
		return v.str(), nil
	case 't':
		v.i += len("true")
		return true, nil
	case 'f':
		v.i += len("false")
		return false, nil
	case 'n':
		v.i += len("null")
		return nil, nil
	}
	for v.i < len(v.data) && isNumberByte(v.data[v.i]) {
		v.i++
	}
	return json.Number(v.data[start:v.i]), nil
}

// str reads a string; only one with escapes or bad UTF-8 goes through
// encoding/json, which unescapes it and replaces what is not UTF-8.
func (v *validTokens) str() string {
	start := v.i
	plain := true
	for v.i++; v.data[v.i] != '"'; v.i++ {
		if v.data[v.i] == '\\' {
			plain = false
			v.i++
		}
	}
	v.i++
	raw := v.data[start:v.i]
	if plain && utf8.Valid(raw) {
		return string(raw[1 : len(raw)-1])
	}
	var s string
	_ = json.Unmarshal(raw, &s) // valid JSON: cannot fail
	return s
}

func isNumberByte(c byte) bool {
	return '0' <= c && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'
}

func (v *validTokens) skipValue() error {
	for depth := 0; ; {
		switch tok, err := v.Token(); {
		case err != nil:
			return err
		case tok == json.Delim('{') || tok == json.Delim('['):
			depth++
		case tok == json.Delim('}') || tok == json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return nil
		}
	}
}

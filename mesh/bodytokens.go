package mesh

import "encoding/json"

// bodyTokens is what bodyWalker reads a body through: json.Decoder's token
// API, or a jsontok.Reader once the body is known to be valid JSON.
type bodyTokens interface {
	Token() (json.Token, error)
	More() bool
	SkipValue() ([]byte, error)
}

// decoderTokens reads any input, and its errors say where the JSON broke.
type decoderTokens struct{ *json.Decoder }

func (d decoderTokens) SkipValue() ([]byte, error) {
	var raw json.RawMessage
	err := d.Decode(&raw)
	return raw, err
}

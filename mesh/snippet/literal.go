package snippet

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/meshlink/meshlink/mesh"
)

// String literals for each language the snippets are written in. Values come
// from outside (access tokens, account names, request bodies), so every
// character that could end the literal or start an escape is escaped.

func jsString(s string) string {
	return quote(s, '\'', func(r rune) string { return fmt.Sprintf(`\u%04x`, r) }, "")
}

func swiftString(s string) string {
	return quote(s, '"', func(r rune) string { return fmt.Sprintf(`\u{%x}`, r) }, "")
}

func kotlinString(s string) string {
	return quote(s, '"', func(r rune) string { return fmt.Sprintf(`\u%04x`, r) }, "$")
}

func dartString(s string) string {
	return quote(s, '\'', func(r rune) string { return fmt.Sprintf(`\u{%x}`, r) }, "$")
}

// quote writes s between q quotes, escaping q, backslashes, the characters
// in special (string interpolation) and every control or line-breaking
// character with hex.
func quote(s string, q rune, hex func(rune) string, special string) string {
	var b strings.Builder
	b.WriteRune(q)
	for _, r := range s {
		switch {
		case r == q, r == '\\', strings.ContainsRune(special, r):
			b.WriteRune('\\')
			b.WriteRune(r)
		case r == utf8.RuneError, r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0, r == 0x2028, r == 0x2029:
			b.WriteString(hex(r))
		default:
			b.WriteRune(r)
		}
	}
	b.WriteRune(q)
	return b.String()
}

// Placeholders for the values the node snippet computes per request.
const (
	userIDPlaceholder        = "\x00userId\x00"
	transactionIDPlaceholder = "\x00transactionId\x00"
)

// nodeBody is r as a JavaScript object literal for the node snippet: keys
// bare, strings quoted, in the order meshlink sends them; the userId is the
// function's argument and a transactionId is made fresh per token. The
// accessTokens stay out: they belong to the front end.
func nodeBody(r *mesh.LinkTokenRequest) (string, error) {
	var body mesh.LinkTokenRequest
	if r != nil {
		body = *r
	} else {
		body.RestrictMultipleAccounts = mesh.Bool(true)
	}
	body.UserID = userIDPlaceholder
	body.AccessTokens = nil
	if t := body.TransferOptions; t != nil && t.TransactionID != "" {
		copied := *t
		copied.TransactionID = transactionIDPlaceholder
		body.TransferOptions = &copied
	}
	raw, err := json.Marshal(&body)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := writeLiteral(&b, dec, "  "); err != nil {
		return "", fmt.Errorf("snippet: the request body: %w", err)
	}
	return strings.Replace(b.String(), "userId: userId,", "userId,", 1), nil
}

// writeLiteral copies one JSON value from dec to b as JavaScript, indenting
// nested lines by indent and one more level per depth.
func writeLiteral(b *strings.Builder, dec *json.Decoder, indent string) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	switch v := tok.(type) {
	case json.Delim:
		closer := map[json.Delim]string{'{': "}", '[': "]"}[v]
		b.WriteString(v.String())
		inner := indent + "  "
		first := true
		for dec.More() {
			if !first {
				b.WriteString(",")
			}
			first = false
			b.WriteString("\n" + inner)
			if v == '{' {
				key, err := dec.Token()
				if err != nil {
					return err
				}
				b.WriteString(jsKey(key.(string)) + ": ")
			}
			if err := writeLiteral(b, dec, inner); err != nil {
				return err
			}
		}
		if _, err := dec.Token(); err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		if !first {
			b.WriteString(",\n" + indent)
		}
		b.WriteString(closer)
	case string:
		switch v {
		case userIDPlaceholder:
			b.WriteString("userId")
		case transactionIDPlaceholder:
			b.WriteString("randomUUID()")
		default:
			b.WriteString(jsString(v))
		}
	case json.Number:
		b.WriteString(v.String())
	case bool:
		fmt.Fprint(b, v)
	case nil:
		b.WriteString("null")
	}
	return nil
}

// jsKey leaves a key bare when it is an identifier, as people write them.
func jsKey(k string) string {
	for i, r := range k {
		ok := r == '_' || r == '$' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (i > 0 && r >= '0' && r <= '9')
		if !ok {
			return jsString(k)
		}
	}
	if k == "" {
		return "''"
	}
	return k
}

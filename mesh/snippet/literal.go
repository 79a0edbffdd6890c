package snippet

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/meshlink/meshlink/mesh"
)

// String literals for each language the snippets are written in. Values come
// from outside (access tokens, account names, request bodies), so every
// character that could end the literal or start an escape is escaped, and so
// is every character that would make the code read otherwise than it runs:
// control and line-breaking characters, and the bidirectional controls of
// "Trojan Source" (the printed snippet and the wizard's copy are one text).

// jsString is a JavaScript string that also stays inert inside an inline
// <script> element: "</script" would end the element and "<!--" change how
// the browser finds its end, so their "<" is written \x3c.
func jsString(s string) string {
	return quote(s, '\'', func(r rune) string { return fmt.Sprintf(`\u%04x`, r) }, "", true)
}

func swiftString(s string) string {
	return quote(s, '"', func(r rune) string { return fmt.Sprintf(`\u{%x}`, r) }, "", false)
}

func kotlinString(s string) string {
	return quote(s, '"', func(r rune) string { return fmt.Sprintf(`\u%04x`, r) }, "$", false)
}

func dartString(s string) string {
	return quote(s, '\'', func(r rune) string { return fmt.Sprintf(`\u%04x`, r) }, "$", false)
}

// quote writes s between q quotes, escaping q, backslashes, the characters
// in special (string interpolation), and with hex every control,
// line-breaking or bidirectional control character (all in the Basic
// Multilingual Plane, so four hex digits hold each). inScript escapes the
// "<" that would end or confuse an HTML <script> element.
func quote(s string, q rune, hex func(rune) string, special string, inScript bool) string {
	var b strings.Builder
	b.WriteRune(q)
	for i, r := range s {
		switch {
		case r == q, r == '\\', strings.ContainsRune(special, r):
			b.WriteRune('\\')
			b.WriteRune(r)
		case r == utf8.RuneError, r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0, r == 0x2028, r == 0x2029, isBidiControl(r):
			b.WriteString(hex(r))
		case inScript && r == '<' && endsOrHidesScript(s[i+1:]):
			b.WriteString(`\x3c`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteRune(q)
	return b.String()
}

// isBidiControl reports the characters that reorder how text is shown
// (embeddings, overrides, isolates, marks), which can make code read
// otherwise than it runs.
func isBidiControl(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f || r == 0x061c
}

// endsOrHidesScript reports whether rest, what follows a "<", would end an
// HTML script element ("/script", in any case) or open a comment in it.
func endsOrHidesScript(rest string) bool {
	const end = "/script"
	return strings.HasPrefix(rest, "!--") || len(rest) >= len(end) && strings.EqualFold(rest[:len(end)], end)
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
	l := literal{dec: json.NewDecoder(bytes.NewReader(raw))}
	l.dec.UseNumber()
	if t := body.TransferOptions; t != nil {
		for i, a := range t.ToAddresses {
			if a.MinAmount != "" || a.MinAmountInFiat != "" {
				l.beyondTypes = append(l.beyondTypes, i)
			}
		}
	}
	if err := l.write("  ", ""); err != nil {
		return "", fmt.Errorf("snippet: the request body: %w", err)
	}
	return strings.Replace(l.b.String(), "userId: userId,", "userId,", 1), nil
}

// literal copies a JSON value from dec to b as JavaScript.
type literal struct {
	b   strings.Builder
	dec *json.Decoder
	// beyondTypes are the toAddresses entries with minAmount or
	// minAmountInFiat: Mesh takes them, the node SDK's types lack them.
	beyondTypes []int
}

// sdkCast lets an entry through TypeScript's excess-property check.
const sdkCast = `// minAmount and minAmountInFiat are in Mesh's API but not in the types of
// @meshconnect/node-api 2.0.28: the cast lets them through the type check.
/** @type {import('@meshconnect/node-api').TransferToAddressWithAmount} */ (`

// write copies one value, the one at key, indenting nested lines by indent
// and one more level per depth.
func (l *literal) write(indent, key string) error {
	b := &l.b
	tok, err := l.dec.Token()
	if err != nil {
		return err
	}
	switch v := tok.(type) {
	case json.Delim:
		closer := map[json.Delim]string{'{': "}", '[': "]"}[v]
		b.WriteString(v.String())
		inner := indent + "  "
		i := 0
		for ; l.dec.More(); i++ {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString("\n" + inner)
			elemKey := key
			if v == '{' {
				k, err := l.dec.Token()
				if err != nil {
					return err
				}
				elemKey = k.(string)
				b.WriteString(jsKey(elemKey) + ": ")
			}
			cast := v == '[' && key == "toAddresses" && slices.Contains(l.beyondTypes, i)
			if cast {
				b.WriteString(strings.ReplaceAll(sdkCast, "\n", "\n"+inner))
			}
			if err := l.write(inner, elemKey); err != nil {
				return err
			}
			if cast {
				b.WriteString(")")
			}
		}
		if _, err := l.dec.Token(); err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		if i > 0 {
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

package webhook

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A JSON parser and encoder between the wire and the HMAC change the bytes
// and so the signature, though the JSON means the same. To tell that
// mistake from a wrong body, the body is written again the ways common
// encoders write it, and each is signed.

// value is a JSON value with its literals as they were written.
type value struct {
	kind   byte   // '{', '[', '"', '0' (number), 'l' (true, false, null)
	raw    []byte // the literal of a string, number or true/false/null
	keys   []value
	elems  []value // an object's values, an array's elements
	decode string  // a string's value
}

// parseValue reads data, which must be valid JSON.
func parseValue(data []byte) value {
	p := parser{data: data}
	return p.value()
}

type parser struct {
	data []byte
	i    int
}

func (p *parser) space() {
	for p.i < len(p.data) && strings.IndexByte(" \t\r\n", p.data[p.i]) >= 0 {
		p.i++
	}
}

func (p *parser) value() value {
	p.space()
	switch c := p.data[p.i]; c {
	case '{', '[':
		v := value{kind: c}
		p.i++
		for {
			p.space()
			if c := p.data[p.i]; c == '}' || c == ']' {
				p.i++
				return v
			}
			if c := p.data[p.i]; c == ',' {
				p.i++
				continue
			}
			if v.kind == '{' {
				v.keys = append(v.keys, p.value())
				p.space()
				p.i++ // ':'
			}
			v.elems = append(v.elems, p.value())
		}
	case '"':
		start := p.i
		for p.i++; p.data[p.i] != '"'; p.i++ {
			if p.data[p.i] == '\\' {
				p.i++
			}
		}
		p.i++
		v := value{kind: '"', raw: p.data[start:p.i]}
		_ = json.Unmarshal(v.raw, &v.decode)
		return v
	default:
		start := p.i
		for p.i < len(p.data) && strings.IndexByte(",]} \t\r\n", p.data[p.i]) < 0 {
			p.i++
		}
		kind := byte('l')
		if c == '-' || c >= '0' && c <= '9' {
			kind = '0'
		}
		return value{kind: kind, raw: p.data[start:p.i]}
	}
}

// style is one way to write JSON out.
type style struct {
	space   spacing
	order   keyOrder
	strs    escaping
	numbers numbering
}

type spacing int

const (
	spaceCompact spacing = iota // Mesh's own, JSON.stringify(x), Go's Marshal
	spacePython                 // Python's json.dumps(x): ", " and ": "
	spaceIndent1                // json.dumps(x, indent=1)
	spaceIndent2                // JSON.stringify(x, null, 2), jq, System.Text.Json's WriteIndented
	spaceIndent4                // json.dumps(x, indent=4)
	spaceTab                    // JSON.stringify(x, null, "\t")
	spacings
)

type keyOrder int

const (
	orderGiven  keyOrder = iota
	orderMesh            // Mesh's field order at the top level (Delivery's)
	orderSorted          // json.dumps(sort_keys=True), jq -S, Go's map[string]any
	orders
)

type escaping int

const (
	escapeGiven   escaping = iota
	escapeMinimal          // JSON.stringify: only what JSON requires
	escapeASCII            // Python's ensure_ascii: everything past ~ as \uXXXX
	escapeHTML             // Go's encoding/json: < > & U+2028 U+2029 too
	escapeDotNet           // .NET's System.Text.Json: past ~ and " & ' + < > ` as \uXXXX
	escapings
)

type numbering int

const (
	numbersGiven numbering = iota
	numbersShort           // JavaScript and Go through float64: 25.0 becomes 25
	numbersPoint           // an integral amount written 25.0, as Mesh's example has it
	numberings
)

// meshOrder is the order of Mesh's example payload.
var meshOrder = []string{"Id", "EventId", "SentTimestamp", "UserId", "TransactionId", "TransferId", "TransferStatus",
	"TxHash", "Chain", "Token", "DestinationAddress", "SourceAccountProvider", "SourceAmount", "DestinationAmount",
	"RefundAddress", "Timestamp"}

var amountFields = []string{"SourceAmount", "DestinationAmount"}

func (s style) write(v value) []byte {
	w := writer{style: s}
	w.value(v, 0, "")
	return w.buf
}

type writer struct {
	style
	buf []byte
}

func (w *writer) newline(depth int) {
	switch w.space {
	case spaceIndent1, spaceIndent2, spaceIndent4:
		w.buf = append(w.buf, '\n')
		w.buf = append(w.buf, bytes.Repeat([]byte{' '}, depth*[]int{spaceIndent1: 1, spaceIndent2: 2, spaceIndent4: 4}[w.space])...)
	case spaceTab:
		w.buf = append(w.buf, '\n')
		w.buf = append(w.buf, bytes.Repeat([]byte{'\t'}, depth)...)
	}
}

func (w *writer) value(v value, depth int, key string) {
	switch v.kind {
	case '{', '[':
		open, end := v.kind, byte('}')
		if open == '[' {
			end = ']'
		}
		w.buf = append(w.buf, open)
		if len(v.elems) == 0 {
			w.buf = append(w.buf, end)
			return
		}
		for n, i := range w.indexes(v, depth) {
			if n > 0 {
				w.buf = append(w.buf, ',')
				if w.space == spacePython {
					w.buf = append(w.buf, ' ')
				}
			}
			w.newline(depth + 1)
			name := ""
			if open == '{' {
				w.str(v.keys[i])
				w.buf = append(w.buf, ':')
				if w.space != spaceCompact {
					w.buf = append(w.buf, ' ')
				}
				name = v.keys[i].decode
			}
			w.value(v.elems[i], depth+1, name)
		}
		w.newline(depth)
		w.buf = append(w.buf, end)
	case '"':
		w.str(v)
	case '0':
		w.number(v.raw, depth == 1 && slices.Contains(amountFields, key))
	default:
		w.buf = append(w.buf, v.raw...)
	}
}

// indexes is the order an object's members (or an array's elements) are written in.
func (w *writer) indexes(v value, depth int) []int {
	idx := make([]int, len(v.elems))
	for i := range idx {
		idx[i] = i
	}
	switch {
	case v.kind != '{':
	case w.order == orderSorted:
		slices.SortStableFunc(idx, func(a, b int) int { return strings.Compare(v.keys[a].decode, v.keys[b].decode) })
	case w.order == orderMesh && depth == 0:
		rank := func(i int) int {
			if r := slices.Index(meshOrder, v.keys[i].decode); r >= 0 {
				return r
			}
			return len(meshOrder)
		}
		slices.SortStableFunc(idx, func(a, b int) int { return rank(a) - rank(b) })
	}
	return idx
}

func (w *writer) number(raw []byte, amount bool) {
	switch w.numbers {
	case numbersShort:
		f, err := strconv.ParseFloat(string(raw), 64)
		if err != nil || math.IsInf(f, 0) {
			break
		}
		if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) {
			s := strconv.FormatFloat(f, 'e', -1, 64)
			if n := len(s); n >= 4 && s[n-4] == 'e' && s[n-3] == '-' && s[n-2] == '0' {
				s = s[:n-2] + s[n-1:] // e-07 is written e-7
			}
			w.buf = append(w.buf, s...)
		} else {
			w.buf = strconv.AppendFloat(w.buf, f, 'f', -1, 64)
		}
		return
	case numbersPoint:
		if amount && !bytes.ContainsAny(raw, ".eE") {
			w.buf = append(append(w.buf, raw...), ".0"...)
			return
		}
	}
	w.buf = append(w.buf, raw...)
}

func (w *writer) str(v value) {
	if w.strs == escapeGiven {
		w.buf = append(w.buf, v.raw...)
		return
	}
	hex := "0123456789abcdef"
	if w.strs == escapeDotNet {
		hex = "0123456789ABCDEF"
	}
	u := func(r rune) {
		w.buf = append(w.buf, '\\', 'u', hex[r>>12&0xf], hex[r>>8&0xf], hex[r>>4&0xf], hex[r&0xf])
	}
	w.buf = append(w.buf, '"')
	for _, r := range v.decode {
		switch {
		case w.strs == escapeDotNet && strings.ContainsRune("\"&'+<>`", r):
			u(r)
		case r == '"' || r == '\\':
			w.buf = append(w.buf, '\\', byte(r))
		case r == '\n':
			w.buf = append(w.buf, `\n`...)
		case r == '\r':
			w.buf = append(w.buf, `\r`...)
		case r == '\t':
			w.buf = append(w.buf, `\t`...)
		case r == '\b' && w.strs != escapeHTML && w.strs != escapeDotNet:
			w.buf = append(w.buf, `\b`...)
		case r == '\f' && w.strs != escapeHTML && w.strs != escapeDotNet:
			w.buf = append(w.buf, `\f`...)
		case r < 0x20:
			u(r)
		case w.strs == escapeHTML && (r == '<' || r == '>' || r == '&' || r == '\u2028' || r == '\u2029'):
			u(r)
		case (w.strs == escapeASCII || w.strs == escapeDotNet) && r >= 0x7f:
			if r > 0xffff {
				r -= 0x10000
				u(0xd800 + r>>10)
				u(0xdc00 + r&0x3ff)
			} else {
				u(r)
			}
		default:
			w.buf = utf8.AppendRune(w.buf, r)
		}
	}
	w.buf = append(w.buf, '"')
}

// restyling is body written every other way, each once: styles that
// write the same bytes are tried once.
type restyling struct {
	style style
	body  []byte
}

// restyle writes body, which must be valid JSON, in every style that gives
// other bytes than body's.
func restyle(body []byte) []restyling {
	v := parseValue(body)
	// The options of a dimension that change nothing for this body (every
	// escaping, for a body of plain ASCII) are dropped before multiplying.
	distinct := func(n int, with func(*style, int)) []int {
		seen := map[string]bool{}
		var keep []int
		for i := range n {
			var s style
			with(&s, i)
			if b := string(s.write(v)); !seen[b] {
				seen[b] = true
				keep = append(keep, i)
			}
		}
		return keep
	}
	ords := distinct(int(orders), func(s *style, i int) { s.order = keyOrder(i) })
	escs := distinct(int(escapings), func(s *style, i int) { s.strs = escaping(i) })
	nums := distinct(int(numberings), func(s *style, i int) { s.numbers = numbering(i) })
	seen := map[string]bool{string(body): true}
	var out []restyling
	for sp := range spacings {
		for _, o := range ords {
			for _, e := range escs {
				for _, n := range nums {
					s := style{sp, keyOrder(o), escaping(e), numbering(n)}
					if b := s.write(v); !seen[string(b)] {
						seen[string(b)] = true
						out = append(out, restyling{s, b})
					}
				}
			}
		}
	}
	return out
}

func allStyles() func(func(style) bool) {
	return func(yield func(style) bool) {
		for sp := range spacings {
			for o := range orders {
				for e := range escapings {
					for n := range numberings {
						if !yield(style{sp, o, e, n}) {
							return
						}
					}
				}
			}
		}
	}
}

// changes names what writing body in s changed: whitespace, key order,
// string escaping, number formatting.
func (s style) changes(body []byte) []string {
	v := parseValue(body)
	compact := style{}.write(v)
	var out []string
	if !bytes.Equal(style{space: s.space}.write(v), body) {
		out = append(out, "whitespace")
	}
	for _, c := range []struct {
		name string
		s    style
	}{{"key order", style{order: s.order}}, {"string escaping", style{strs: s.strs}}, {"number formatting", style{numbers: s.numbers}}} {
		if !bytes.Equal(c.s.write(v), compact) {
			out = append(out, c.name)
		}
	}
	return out
}

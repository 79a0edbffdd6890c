package wizard

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// safeFrame is the one path from the wizard to the terminal: it removes
// every escape sequence except colours (SGR) and every control character
// except the newline. Preset files (shared by teams), API answers and the
// cache can hold "ESC ] 52" (set the clipboard) or "ESC [2J"; whichever
// screen shows such text, it reaches the terminal inert. The wizard's own
// drawing is colours only, so this costs it nothing.
func safeFrame(s string) string {
	if clean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b:
			i = escape(&b, s, i)
		case c == '\n':
			b.WriteByte(c)
			i++
		case c == '\t':
			b.WriteByte(' ')
			i++
		case c < 0x20 || c == 0x7f:
			i++
		case c < utf8.RuneSelf:
			b.WriteByte(c)
			i++
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if r != utf8.RuneError && !unicode.IsControl(r) && !unicode.Is(unicode.Bidi_Control, r) {
				b.WriteString(s[i : i+n])
			}
			i += n
		}
	}
	return b.String()
}

// clean: nothing to remove (the common case: no text from outside, no
// colours).
func clean(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 0x20 && c != '\n') || c >= 0x7f {
			return false
		}
	}
	return true
}

// escape copies the escape sequence at s[i] when it is a colour and drops
// it otherwise; it returns the index after it.
func escape(b *strings.Builder, s string, i int) int {
	if i+1 >= len(s) {
		return len(s)
	}
	switch s[i+1] {
	case '[': // CSI: parameters, intermediates, one final byte
		j := i + 2
		params := true
		for j < len(s) && s[j] >= 0x30 && s[j] <= 0x3f {
			if !(s[j] >= '0' && s[j] <= '9') && s[j] != ';' && s[j] != ':' {
				params = false
			}
			j++
		}
		k := j
		for k < len(s) && s[k] >= 0x20 && s[k] <= 0x2f {
			k++
		}
		if k >= len(s) {
			return len(s)
		}
		if s[k] == 'm' && k == j && params {
			b.WriteString(s[i : k+1])
		}
		if s[k] < 0x40 || s[k] > 0x7e {
			return k // not a final byte: drop what came before it
		}
		return k + 1
	case ']', 'P', '_', '^', 'X': // strings: up to BEL or ST (ESC \)
		for j := i + 2; j < len(s); j++ {
			if s[j] == 0x07 {
				return j + 1
			}
			if s[j] == 0x1b && j+1 < len(s) && s[j+1] == '\\' {
				return j + 2
			}
		}
		return len(s)
	}
	return i + 2
}

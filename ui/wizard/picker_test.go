package wizard

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// fullScanFilter is the filter as it was before it searched the last
// matches: every key, every keystroke. The fast one must agree with it.
func fullScanFilter(keys []string, q string) []int {
	words := strings.Fields(strings.ToLower(q))
	has := func(k string, ws []string, prefix string) bool {
		for _, w := range ws {
			if !strings.Contains(k, prefix+w) {
				return false
			}
		}
		return true
	}
	var first, starts, contains []int
	for i, key := range keys {
		k := " " + strings.ToLower(key) + " "
		switch {
		case !has(k, words, ""):
		case len(words) > 0 && strings.HasPrefix(k, " "+words[0]) && has(k, words[1:], " "):
			first = append(first, i)
		case has(k, words, " "):
			starts = append(starts, i)
		default:
			contains = append(contains, i)
		}
	}
	return append(append(first, starts...), contains...)
}

func TestFilterAgreesWithAFullScanOnRandomTyping(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	const letters = "abcusdtEThé BTC"
	word := func() string {
		var b strings.Builder
		for range 1 + rng.IntN(5) {
			b.WriteByte(letters[rng.IntN(len(letters)-4)])
		}
		return b.String()
	}
	for round := range 20 {
		keys := make([]string, 100+rng.IntN(200))
		for i := range keys {
			parts := make([]string, 1+rng.IntN(6))
			for j := range parts {
				parts[j] = word()
			}
			keys[i] = strings.Join(parts, " ")
		}
		x := newFilterIndex(keys)
		q := ""
		for step := range 150 {
			switch r := rng.IntN(10); {
			case r < 6: // type a letter or a space at the end
				q += string(letters[rng.IntN(len(letters))])
			case r < 8 && q != "": // backspace
				q = q[:len(q)-1]
			case r < 9 && q != "": // type in the middle
				at := rng.IntN(len(q))
				q = q[:at] + string(letters[rng.IntN(len(letters))]) + q[at:]
			default: // start over
				q = ""
			}
			got := x.filter(q, nil)
			if want := fullScanFilter(keys, q); !slices.Equal(got, want) {
				t.Fatalf("round %d step %d: filter(%q) = %v,\nthe full scan gives %v", round, step, q, got, want)
			}
		}
	}
}

package mesh

import (
	"fmt"
	"math"
	"strings"
)

// MaxBodyBytes bounds a link-token body wherever meshlink reads one: --body
// files and stdin, preset files, the demo server's requests. Real bodies are
// a few KiB; nothing larger is read whole into memory.
const MaxBodyBytes = 1 << 20

// FormatBytes is n for a person: "512 bytes", "3.2 MiB". It rounds up, so a
// size over a limit never reads as the limit itself ("1.1 MiB", not "1 MiB").
func FormatBytes(n int64) string {
	unit, size := "GiB", float64(n)/(1<<30)
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d bytes", n)
	case n < 1<<20:
		unit, size = "KiB", float64(n)/(1<<10)
	case n < 1<<30:
		unit, size = "MiB", float64(n)/(1<<20)
	}
	return strings.TrimSuffix(fmt.Sprintf("%.1f", math.Ceil(size*10)/10), ".0") + " " + unit
}

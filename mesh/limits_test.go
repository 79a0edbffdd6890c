package mesh_test

import (
	"testing"

	"github.com/meshlink/meshlink/mesh"
)

// A size just over a limit must not read as the limit: "big.json is 1 MiB;
// meshlink reads at most 1 MiB" left the user guessing.
func TestFormatBytes(t *testing.T) {
	for n, want := range map[int64]string{
		512:                   "512 bytes",
		1 << 10:               "1 KiB",
		1 << 20:               "1 MiB",
		1<<20 + 1:             "1.1 MiB",
		1_100_000:             "1.1 MiB",
		3_355_443:             "3.2 MiB",
		mesh.MaxBodyBytes * 2: "2 MiB",
	} {
		if got := mesh.FormatBytes(n); got != want {
			t.Errorf("FormatBytes(%d) = %q, want %q", n, got, want)
		}
	}
}

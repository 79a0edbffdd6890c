package presets

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/meshlink/meshlink/mesh"
)

// BenchmarkList1000 is `meshlink presets list` with 1,000 presets, half of
// them used at least once.
func BenchmarkList1000(b *testing.B) { benchmarkList(b, 1000) }

// BenchmarkList10000 is the scale of the goal: the whole `presets list` of
// 10,000 presets within 0.25 s (bench/run measures the process).
func BenchmarkList10000(b *testing.B) { benchmarkList(b, 10000) }

func benchmarkList(b *testing.B, n int) {
	st := Store{Dir: filepath.Join(b.TempDir(), "presets")}
	for i := range n {
		p := preset(fmt.Sprintf("preset-%04d", i), mesh.UseCases[i%len(mesh.UseCases)])
		p.Created, p.Updated = testClock, testClock
		data, err := Encode(p)
		if err != nil {
			b.Fatal(err)
		}
		// Written directly: a thousand synced saves would only slow the setup.
		writeRaw(b, filepath.Join(st.Dir, p.Name+fileExt), data)
		if i%2 == 0 {
			if err := st.Touch(p.Name, testClock.Add(time.Duration(i)*time.Minute)); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ResetTimer()
	for b.Loop() {
		list, errs := st.List()
		if len(list) != n || len(errs) != 0 {
			b.Fatalf("List = %d presets, %v", len(list), errs)
		}
	}
}

package demo_test

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/meshlink/meshlink/mesh"
)

// The demo server takes Mesh's own example bodies as Mesh does: all but the
// API reference's, whose configurationId Mesh's schema dropped in 2023. Like
// Mesh, it checks no address, so the guide's "xxx" placeholders pass here.
func TestDemo_meshExamples(t *testing.T) {
	s := start(t)
	files, err := filepath.Glob("../../testdata/mesh-examples/*.json")
	if err != nil || len(files) < 7 {
		t.Fatalf("examples: %v %v", files, err)
	}
	more, _ := filepath.Glob("../../testdata/mesh-examples/filled/*.json")
	for _, f := range append(files, more...) {
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(filepath.Base(filepath.Dir(f))+"/"+filepath.Base(f), func(t *testing.T) {
			code, _, env := call(t, s, "POST", mesh.PathLinkToken, string(body), creds...)
			if filepath.Base(f) == "api-reference.json" {
				if code != http.StatusBadRequest || !strings.Contains(env.Message, "configurationId: Mesh removed configurationId from its API in 2023") || !strings.Contains(env.Message, "use integrationId") {
					t.Errorf("got %d %q, want 400 pointing at integrationId", code, env.Message)
				}
				return
			}
			if code != http.StatusOK || env.Status != "ok" {
				t.Errorf("got %d %q %q, want 200 ok", code, env.Status, env.Message)
			}
		})
	}
}

package cli

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/ui/wizard"
)

// Network ids of the built-in snapshot.
const (
	solanaID   = "0291810a-5947-424d-9a59-e88bb33e999d"
	ethereumID = "e3c7fdd8-b1fc-4e51-85ae-bb276e075611"
	bitcoinID  = "03dee5da-7398-428f-9ec2-ab41bcb271da"
	xrplID     = "0ea47ee7-9d36-460e-a2d5-64cfa8a1dddd"
)

const (
	testClientID = "client-id-unit"
	testSecret   = "s3cr3t-never-printed-0123456789"
)

// fixedNow is the clock of every test App.
var fixedNow = time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)

// getenvOf is a fake os.Getenv over kv pairs ("NAME", "value", ...).
func getenvOf(kv ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }
}

// withCreds are the credential variables, to append to a getenvOf list.
var withCreds = []string{"MESH_CLIENT_ID", testClientID, "MESH_CLIENT_SECRET", testSecret}

// testApp is an App on buffers whose config and cache live in fresh
// temporary directories; env adds variables. Its wizard fails the test.
func testApp(t *testing.T, env ...string) (*App, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	var out, errb bytes.Buffer
	vars := append([]string{"MESHLINK_CONFIG_DIR", t.TempDir(), "MESHLINK_CACHE_DIR", t.TempDir(), "MESHLINK_STATE_DIR", t.TempDir(), "HOME", t.TempDir(), "MESHLINK_DEMO_SERVER", "off"}, env...)
	app := &App{
		In: strings.NewReader(""), Out: &out, Err: &errb,
		Getenv:     getenvOf(vars...),
		HTTPClient: &http.Client{Transport: noNetwork{t}},
		Now:        func() time.Time { return fixedNow },
		Version:    "test",
		RunWizard: func(context.Context, wizard.Options) error {
			t.Error("the wizard was run")
			return errors.New("the wizard was run")
		},
		OpenTTY: func() (io.WriteCloser, error) { return nil, errors.New("no /dev/tty in tests") },
	}
	return app, &out, &errb
}

// noNetwork fails the test on any HTTP call that leaves the process.
type noNetwork struct{ t *testing.T }

func (n noNetwork) RoundTrip(r *http.Request) (*http.Response, error) {
	n.t.Errorf("unexpected HTTP call: %s %s", r.Method, r.URL)
	return nil, errors.New("no network in this test")
}

// wantUsage fails t unless err is a *UsageError whose message holds every
// one of wants.
func wantUsage(t *testing.T, err error, wants ...string) {
	t.Helper()
	var usage *UsageError
	if !errors.As(err, &usage) {
		t.Fatalf("got %T %v, want a *UsageError", err, err)
	}
	for _, w := range wants {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not say %q", err, w)
		}
	}
}

func snapshot() *mesh.Catalog { return mesh.Snapshot() }

package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/mesh/demo"
)

func TestStatusTableDownFirst(t *testing.T) {
	srv, err := demo.StartWith(demo.Options{Down: []string{"Coinbase", "Phantom"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	for _, width := range []int{60, 80, 120, 0} {
		app, out, errb := demoApp(t, withCreds...)
		app.TerminalWidth = width
		if err := run(t, app, "--base-url", srv.URL, "status"); err != nil {
			t.Fatalf("%v\n%s", err, errb)
		}
		lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
		if len(lines) != 1+len(mesh.Snapshot().Integrations) {
			t.Fatalf("%d columns: %d lines:\n%s", width, len(lines), out)
		}
		for i, want := range []string{"INTEGRATION", "Coinbase ", "Phantom ", "Binance "} {
			if !strings.HasPrefix(lines[i], want) {
				t.Errorf("%d columns: line %d is %q, want it to start %q (down first, then by name)", width, i, lines[i], want)
			}
		}
		for _, l := range lines {
			if width > 0 && ansi.StringWidth(l) > width {
				t.Errorf("%d columns: line of %d: %q", width, ansi.StringWidth(l), l)
			}
		}
		if !strings.Contains(lines[1], "down") || !strings.Contains(lines[3], "up") {
			t.Errorf("%d columns: states:\n%s", width, out)
		}
		if width >= 120 || width == 0 {
			if !strings.Contains(lines[1], "Marked down by") || !strings.Contains(lines[1], "balance,holdings") {
				t.Errorf("%d columns: description and products missing:\n%s", width, out)
			}
		}
		if !strings.Contains(errb.String(), "2 of 9 integrations down") {
			t.Errorf("stderr: %s", errb)
		}
	}

	app, out, _ := demoApp(t, withCreds...)
	if err := run(t, app, "--base-url", srv.URL, "status", "--json"); err != nil {
		t.Fatal(err)
	}
	var got []mesh.IntegrationHealth
	if err := json.Unmarshal([]byte(out.String()), &got); err != nil || len(got) != 9 {
		t.Fatalf("--json: %v\n%s", err, out)
	}
}

package cli

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestTablesFitTheTerminal: on a terminal every line of a table fits its
// width; piped, the values are whole.
func TestTablesFitTheTerminal(t *testing.T) {
	const txID = "3f1c2a9e-1111-4c4c-9d9d-abcdefabcdef"
	for _, c := range []struct {
		args  []string
		whole string // a value a pipe shows whole
	}{
		{[]string{"networks"}, "e3c7fdd8-b1fc-4e51-85ae-bb276e075611"},
		{[]string{"integrations"}, "47624467-e52e-4938-a41a-7926b6c27acf"},
		{[]string{"history"}, txID},
		{[]string{"presets", "list"}, "a-preset-with-a-rather-long-name"},
	} {
		for _, width := range []int{0, 100, 60, 40} {
			app, out, errb := demoApp(t)
			if err := run(t, app, "token", "--use-case", "deposit", "--user-id", "a-user-with-a-long-identifier-0123456789",
				"--transaction-id", txID, "--to", "solana:USDC:7dHbWXmci3dT8UFYWYZweBLXgycu7Y3iL6trKn1Y7ARj", "-q",
				"--save-preset", "a-preset-with-a-rather-long-name"); err != nil {
				t.Fatalf("%v\n%s", err, errb)
			}
			out.Reset()
			app.TerminalWidth = width
			if err := run(t, app, c.args...); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimRight(out.String(), "\n"), "\n")
			if len(lines) < 2 {
				t.Fatalf("%v: no table:\n%s", c.args, out)
			}
			for _, l := range lines {
				if width > 0 && ansi.StringWidth(l) > width {
					t.Errorf("%v at %d columns: a line of %d: %q", c.args, width, ansi.StringWidth(l), l)
				}
			}
			if width == 0 && !strings.Contains(out.String(), c.whole) {
				t.Errorf("%v piped: %q is not whole:\n%s", c.args, c.whole, out)
			}
		}
	}
}

// A table is cut where it matters least: on 80 columns the history's ids
// are shortened before its result ("in-process demo ended" was cut to
// "in-process demo e…" beside a transaction id 18 cells wide).
func TestHistoryCutsIdsBeforeTheResult(t *testing.T) {
	app, out, errb := demoApp(t)
	if err := run(t, app, "token", "--use-case", "deposit", "--user-id", "u1", "-q", "--to", "solana:USDC:7dHbWXmci3dT8UFYWYZweBLXgycu7Y3iL6trKn1Y7ARj",
		"--transaction-id", "3f1c2a9e-1111-4c4c-9d9d-abcdefabcdef"); err != nil {
		t.Fatalf("%v\n%s", err, errb)
	}
	out.Reset()
	app.TerminalWidth = 80
	if err := run(t, app, "history"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "in-process demo ended") || !strings.Contains(out.String(), "3f1c2a9e") {
		t.Errorf("at 80 columns the result is cut, or the id gone:\n%s", out)
	}
}

package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/presets"
)

// terminalActive reports the first character a terminal would act on.
func terminalActive(s string) (rune, bool) {
	for _, r := range s {
		if (unicode.IsControl(r) && r != '\n' && r != '\t') || unicode.Is(unicode.Bidi_Control, r) {
			return r, true
		}
	}
	return 0, false
}

func TestInertWriter(t *testing.T) {
	var b bytes.Buffer
	w := newInertWriter(&b)
	// "é" (C3 A9) and U+202E (E2 80 AE) cut across writes.
	for _, part := range []string{"caf\xc3", "\xa9 \xe2\x80", "\xae\x1b[2J\r\n", "ok\x7f\u009b\xff", "\t\xe2"} {
		if n, err := w.Write([]byte(part)); err != nil || n != len(part) {
			t.Fatalf("Write(%q) = %d, %v", part, n, err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if want := `café \u202e\u001b[2J\u000d` + "\n" + `ok\u007f\u009b\ufffd` + "\t" + `\ufffd`; b.String() != want {
		t.Errorf("got %q\nwant %q", b.String(), want)
	}
}

func TestInertWriterIsSafeForConcurrentLogs(t *testing.T) {
	var b bytes.Buffer
	w := newInertWriter(&b)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 100 {
				w.Write([]byte("GET /\x1b[2J → 404\n"))
			}
		}()
	}
	wg.Wait()
	if got := strings.Count(b.String(), "GET /\\u001b[2J → 404\n"); got != 800 {
		t.Errorf("%d whole lines of 800", got)
	}
}

// hostilePreset is a preset file as a team might share it, with text that
// sets the clipboard (OSC 52), the window title, clears the screen and
// reverses a line.
const hostilePreset = `{
  "version": 1,
  "name": "shared",
  "description": "QA \u001b]52;c;cm0gLXJmIH4=\u0007 deposit \u001b]0;pwned\u0007",
  "useCase": "deposit",
  "environment": "sandbox",
  "request": {
    "userId": "user\u001b[2J",
    "transferOptions": {
      "transactionId": "t1",
      "transferType": "deposit",
      "toAddresses": [{"networkId": "solana\u001b]52;c;ZXZpbA==\u0007", "symbol": "USDC\u202e", "address": "7dHbWXmci3dT8UFYWYZweBLXgycu7Y3iL6trKn1Y7ARj\u009b2J"}]
    }
  }
}
`

// Hostile preset text reaches no terminal raw, through any command.
func TestHostilePresetTextStaysInert(t *testing.T) {
	cases := [][]string{
		{"presets", "list"},
		{"presets", "list", "--json"},
		{"presets", "show", "shared"},
		{"presets", "export", "shared"},
		{"token", "--preset", "shared", "--dry-run"},
		{"token", "--preset", "shared"},
		{"presets", "rename", "shared", "shared2"},
	}
	for _, args := range cases {
		t.Run(strings.Join(args, "_"), func(t *testing.T) {
			app, out, errb := testApp(t)
			dir, _ := presets.Dir(app.Getenv)
			if err := os.MkdirAll(dir, 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "shared.json"), []byte(hostilePreset), 0o600); err != nil {
				t.Fatal(err)
			}
			app.HTTPClient = nil // the demo server, in process
			err := Execute(context.Background(), app, args)
			shown := out.String() + errb.String()
			if err != nil {
				shown += Message(err)
			}
			if r, bad := terminalActive(shown); bad {
				t.Errorf("%U reached the terminal:\n%q", r, shown)
			}
			if strings.Contains(args[len(args)-1], "json") || args[1] == "export" {
				var v any
				if err := json.Unmarshal(out.Bytes(), &v); err != nil {
					t.Errorf("not valid JSON: %v\n%s", err, out)
				}
				if !strings.Contains(out.String(), `\u001b]52`) {
					t.Errorf("the JSON does not keep the text, escaped:\n%s", out)
				}
			}
		})
	}
}

// However the output is cut into writes, what reaches the terminal is what
// mesh.AppendInert makes of the whole.
func FuzzInertWriter(f *testing.F) {
	f.Add("café \u202e\x1b[2J\r\nok", 4, 9)
	f.Add("\xe2\x80\xae", 1, 2)
	f.Add("plain text\n", 0, 11)
	f.Fuzz(func(t *testing.T, s string, cut1, cut2 int) {
		if len(s) == 0 {
			return
		}
		c1, c2 := (cut1%len(s)+len(s))%len(s), (cut2%len(s)+len(s))%len(s)
		c1, c2 = min(c1, c2), max(c1, c2)
		var b bytes.Buffer
		w := newInertWriter(&b)
		for _, part := range []string{s[:c1], s[c1:c2], s[c2:]} {
			if n, err := w.Write([]byte(part)); err != nil || n != len(part) {
				t.Fatalf("Write = %d, %v", n, err)
			}
		}
		w.Flush()
		if want := string(mesh.AppendInert(nil, []byte(s))); b.String() != want {
			t.Fatalf("cut at %d and %d: %q, want %q", c1, c2, b.String(), want)
		}
	})
}

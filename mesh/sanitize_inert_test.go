package mesh_test

import (
	"encoding/json"
	"testing"

	"github.com/meshlink/meshlink/mesh"
)

func TestInert(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"osc52", "Eth\x1b]52;c;ZXZpbA==\aereum", `Eth\u001b]52;c;ZXZpbA==\u0007ereum`},
		{"carriage_return", "Bitcoin\rEvil", `Bitcoin\u000dEvil`},
		{"newline_and_tab_kept", "a\tb\nc", "a\tb\nc"},
		{"delete_and_c1", "a\x7fb\u009b2J", `a\u007fb\u009b2J`},
		{"bidi", "usdc\u202egpj.exe\u2066\u200f", `usdc\u202egpj.exe\u2066\u200f`},
		{"broken_utf8", "a\xffb\xe2\x82", `a\ufffdb\ufffd\ufffd`},
		{"unicode_kept", "Zürich ✓ 日本 😀", "Zürich ✓ 日本 😀"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mesh.Inert(tt.in); got != tt.want {
				t.Errorf("Inert(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// JSON passed through AppendInert is still JSON, with the same strings.
func TestAppendInert_keepsJSONValid(t *testing.T) {
	in := map[string]string{"name": "Ether\u202eeum\u0085\x7f", "desc": "ok ✓"}
	b, err := json.Marshal(in) // encoding/json leaves U+202E, U+0085 and DEL raw
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]string
	if err := json.Unmarshal(mesh.AppendInert(nil, b), &out); err != nil {
		t.Fatalf("not JSON any more: %v", err)
	}
	if out["name"] != in["name"] || out["desc"] != in["desc"] {
		t.Errorf("got %q, want %q", out, in)
	}
}

package presets

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/meshlink/meshlink/mesh"
)

func TestValidateName(t *testing.T) {
	tests := []struct {
		name     string
		input    string
		wantRule string // "" means the name is accepted
	}{
		{"plain", "qa-payment", ""},
		{"spaces_and_case", "QA payment 2", ""},
		{"unicode_letters", "dépôt-démo", ""},
		{"dot_inside", "v1.2", ""},
		{"exactly_64_characters", strings.Repeat("a", 64), ""},
		{"64_three_byte_characters", strings.Repeat("預", 64), ""},
		{"empty", "", "is empty"},
		{"parent_dir_traversal", "../x", "path separator"},
		{"only_dot_dot", "..", `must not contain ".."`},
		{"dot_dot_inside", "a..b", `must not contain ".."`},
		{"slash", "a/b", "path separator"},
		{"backslash", `a\b`, "path separator"},
		{"absolute", "/etc/passwd", "path separator"},
		{"hidden", ".hidden", "must not start with a dot"},
		{"65_characters", strings.Repeat("a", 65), "is 65 characters; at most 64"},
		{"too_many_bytes", strings.Repeat("😀", 60), "too long for a file name"},
		{"nul", "a\x00b", "printable"},
		{"newline", "a\nb", "printable"},
		{"tab", "a\tb", "printable"},
		{"escape_sequence", "a\x1b[31mred", "printable"},
		{"delete_char", "a\x7f", "printable"},
		{"bidi_override", "a\u202eb", "printable"},
		{"invalid_utf8", "a\xffb", "UTF-8"},
		{"colon", "a:b", "Windows"},
		{"question_mark", "what?", "Windows"},
		{"trailing_space", "qa ", "space"},
		{"leading_space", " qa", "space"},
		{"trailing_dot", "qa.", "end with a dot"},
		{"windows_device", "con", "device name"},
		{"windows_device_with_extension", "NUL.txt", "device name"},
		{"windows_com0", "COM0", "device name"},
		{"windows_lpt0_lower", "lpt0", "device name"},
		{"windows_com9_with_extension", "com9.backup", "device name"},
		{"windows_com_superscript_one", "COM¹", "device name"},
		{"windows_lpt_superscript_three", "lpt³.json", "device name"},
		{"windows_conin", "CONIN$", "device name"},
		{"windows_conout_mixed_case", "ConOut$", "device name"},
		{"windows_device_space_before_extension", "aux .x", "device name"},
		{"not_a_device_com10", "COM10", ""},
		{"not_a_device_console", "console", ""},
		{"not_a_device_com_superscript_four", "COM⁴", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ValidateName(tt.input)
			if tt.wantRule == "" {
				if err != nil {
					t.Fatalf("ValidateName(%q) = %v, want nil", tt.input, err)
				}
				return
			}
			if err == nil {
				t.Fatalf("ValidateName(%q) = nil, want an error about %q", tt.input, tt.wantRule)
			}
			if !errors.Is(err, ErrInvalidName) {
				t.Errorf("error %v does not match ErrInvalidName", err)
			}
			var ne *NameError
			if !errors.As(err, &ne) || ne.Name != tt.input {
				t.Errorf("error %#v is not a *NameError naming %q", err, tt.input)
			}
			if !strings.Contains(err.Error(), tt.wantRule) {
				t.Errorf("error %q does not name the rule %q", err, tt.wantRule)
			}
			if strings.ContainsAny(err.Error(), "\x00\x1b\u202e") {
				t.Errorf("error %q carries the raw control characters of the name", err)
			}
		})
	}
}

// Every operation that takes a name refuses a bad one before it touches the
// file system, so nothing is ever written outside the presets directory.
func TestStoreRefusesBadNamesEverywhere(t *testing.T) {
	st := newStore(t)
	if err := st.Save(preset("ok", mesh.UseDeposit), false); err != nil {
		t.Fatal(err)
	}
	parent := filepath.Dir(st.Dir)
	before := dirNames(t, parent)
	bad := []string{"../x", "a/b", ".hidden", "", strings.Repeat("n", 65), "a\x00b", `..\x`}
	ops := map[string]func(name string) error{
		"Save":         func(n string) error { return st.Save(preset(n, mesh.UseDeposit), true) },
		"Load":         func(n string) error { _, err := st.Load(n); return err },
		"Delete":       func(n string) error { return st.Delete(n) },
		"Touch":        func(n string) error { return st.Touch(n, testClock) },
		"Export":       func(n string) error { _, err := st.Export(n); return err },
		"Exists":       func(n string) error { _, err := st.Exists(n); return err },
		"Rename_from":  func(n string) error { return st.Rename(n, "fine") },
		"Rename_to":    func(n string) error { return st.Rename("ok", n) },
		"Import_named": func(n string) error { _, err := st.Import(mustExport(t, st, "ok"), n, false); return err },
	}
	for op, f := range ops {
		for _, n := range bad {
			if op == "Import_named" && n == "" {
				continue // "" means "the name in the file"
			}
			if err := f(n); !errors.Is(err, ErrInvalidName) {
				t.Errorf("%s(%q) = %v, want ErrInvalidName", op, n, err)
			}
		}
	}
	if got := dirNames(t, parent); strings.Join(got, ",") != strings.Join(before, ",") {
		t.Errorf("the config dir changed from %v to %v", before, got)
	}
	if got := dirNames(t, st.Dir); strings.Join(got, ",") != "ok.json" {
		t.Errorf("the presets dir holds %v, want only ok.json", got)
	}
	if _, err := os.Stat(filepath.Join(parent, "x.json")); err == nil {
		t.Error("../x escaped the presets directory")
	}
}

func mustExport(t *testing.T, st Store, name string) []byte {
	t.Helper()
	b, err := st.Export(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Names are folded fully, as macOS's file system folds them: one character
// may fold to two (ß and ss are one name there), which a simple per-letter
// fold would miss.
func TestFoldNameFoldsAsMacOSDoes(t *testing.T) {
	for _, pair := range [][2]string{{"straße", "STRASSE"}, {"ﬁle", "FILE"}, {"Café", "cafe\u0301"}, {"QA-Pay", "qa-pay"}} {
		if foldName(pair[0]) != foldName(pair[1]) {
			t.Errorf("%q and %q fold apart: %q, %q", pair[0], pair[1], foldName(pair[0]), foldName(pair[1]))
		}
	}
	if foldName("qa-pay") == foldName("qa-pays") {
		t.Error("different names fold together")
	}
}

// A name a shell reads as code cannot be given to a preset any more (shell
// completion would run it), but a file that is there under one still loads,
// shows, renames and goes.
func TestNewNamesRefuseShellSpecialCharacters(t *testing.T) {
	for _, name := range []string{"qa`touch${IFS}x`1", "qa$(id)", "qa(touch x)", "a;b", "a&b", "a|b", "a<b", "a>b", "a^b", "it's", `say "hi"`, `a\b`, "$HOME"} {
		err := ValidateNewName(name)
		if !errors.Is(err, ErrInvalidName) {
			t.Errorf("ValidateNewName(%q) = %v, want ErrInvalidName", name, err)
			continue
		}
		if ValidateName(name) == nil && !strings.Contains(err.Error(), "shell") {
			t.Errorf("ValidateNewName(%q) = %q: say why (a shell reads it as code)", name, err)
		}
	}
	for _, name := range []string{"qa-payment", "QA payment 2", "dépôt-démo", "v1.2", "team+qa", "a,b", "50%", "#1", "a=b", "~x", "a{b}", "[qa]", "a!", "x@y"} {
		if err := ValidateNewName(name); err != nil {
			t.Errorf("ValidateNewName(%q) = %v, want nil", name, err)
		}
	}

	st := newStore(t)
	const old = "qa`touch${IFS}x`1"
	if err := st.Save(preset(old, mesh.UseDeposit), false); !errors.Is(err, ErrInvalidName) {
		t.Fatalf("Save(%q) = %v, want ErrInvalidName", old, err)
	}
	if _, err := st.Import(mustEncode(t, preset("fine", mesh.UseDeposit)), old, false); !errors.Is(err, ErrInvalidName) {
		t.Errorf("Import as %q = %v, want ErrInvalidName", old, err)
	}
	if err := os.MkdirAll(st.Dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(st.Dir, old+".json"), mustEncode(t, preset(old, mesh.UseDeposit)), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Load(old); err != nil {
		t.Errorf("Load of an existing %q: %v", old, err)
	}
	if list, errs := st.List(); len(list) != 1 || len(errs) > 0 {
		t.Errorf("List = %v, %v, want the existing preset", list, errs)
	}
	if err := st.Touch(old, testClock); err != nil {
		t.Errorf("Touch: %v", err)
	}
	if err := st.Rename(old, "qa$(id)"); !errors.Is(err, ErrInvalidName) {
		t.Errorf("Rename to another such name = %v, want ErrInvalidName", err)
	}
	if err := st.Rename(old, "qa-1"); err != nil {
		t.Fatalf("Rename to a plain name: %v", err)
	}
	if err := st.Rename("qa-1", old); !errors.Is(err, ErrInvalidName) {
		t.Errorf("Rename back = %v, want ErrInvalidName", err)
	}
	if err := os.WriteFile(filepath.Join(st.Dir, old+".json"), mustEncode(t, preset(old, mesh.UseDeposit)), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := st.Delete(old); err != nil {
		t.Errorf("Delete: %v", err)
	}
}

func mustEncode(t *testing.T, p *Preset) []byte {
	t.Helper()
	b, err := Encode(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

package presets

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// A name becomes a file name, so it must be one on every OS (a team may share
// presets between Linux, macOS and Windows) and must never reach outside Dir.
const (
	MaxNameLen = 64 // characters
	// maxNameBytes keeps "<name>.json" and its temporary sibling under the
	// 255-byte limit of common file systems even for 3-byte characters.
	maxNameBytes = 200
)

// ErrInvalidName matches every *NameError with errors.Is.
var ErrInvalidName = errors.New("invalid preset name")

// NameError is a preset name that breaks Rule.
type NameError struct {
	Name string
	Rule string // like "must not contain a path separator (/ or \\)"
}

func (e *NameError) Error() string {
	return fmt.Sprintf("invalid preset name %q: %s", e.Name, e.Rule)
}

func (e *NameError) Is(target error) bool { return target == ErrInvalidName }

// windowsReserved are device names Windows will not use as file names, in
// any case, with or without an extension. COM and LPT take any digit,
// superscripts ¹ ² ³ included, which Windows reads as digits too.
var windowsReserved = map[string]bool{"CON": true, "PRN": true, "AUX": true, "NUL": true, "CONIN$": true, "CONOUT$": true}

func init() {
	for _, d := range "0123456789¹²³" {
		windowsReserved["COM"+string(d)] = true
		windowsReserved["LPT"+string(d)] = true
	}
}

// isWindowsReserved reports whether Windows reads name as a device: its part
// before the first dot, without trailing spaces, is a reserved name.
func isWindowsReserved(name string) bool {
	base, _, _ := strings.Cut(name, ".")
	return windowsReserved[strings.ToUpper(strings.TrimRight(base, " "))]
}

// foldName is name as a case-insensitive, normalisation-insensitive file
// system sees it (macOS, Windows): two names with one key are one file.
func foldName(name string) string {
	return cases.Fold().String(norm.NFC.String(name))
}

// ValidateName reports whether name can be a preset's name, with a
// *NameError that names the rule it breaks. A file that is there under such
// a name loads; a new name must also pass ValidateNewName.
func ValidateName(name string) error {
	rule := nameRule(name)
	if rule == "" {
		return nil
	}
	return &NameError{Name: name, Rule: rule}
}

// ShellSpecial are the characters by which a shell reads a word as more
// than text: a command (` $( ( ; & |), a redirection (< > ^, the last in
// fish before 3.3), quoting and escapes. Shell completion evaluates the
// line it completes, so a name holding one could run a command from a tab.
const ShellSpecial = "`$();&|<>^'\"\\"

// ValidateNewName is ValidateName for a name about to be written: a save,
// an import, a rename's new name. It also refuses ShellSpecial, which older
// meshlinks allowed: such presets still load, but completion never offers
// them.
func ValidateNewName(name string) error {
	if err := ValidateName(name); err != nil {
		return err
	}
	if i := strings.IndexAny(name, ShellSpecial); i >= 0 {
		return &NameError{Name: name, Rule: fmt.Sprintf("must not contain %c (nor any of %s): a shell reads it as code, and a tab in shell completion could run it; choose another name", name[i], shellSpecialList)}
	}
	return nil
}

// shellSpecialList is ShellSpecial for people.
var shellSpecialList = strings.Join(strings.Split(ShellSpecial, ""), " ")

func nameRule(name string) string {
	switch {
	case name == "":
		return "is empty; give the preset a name, like qa-payment"
	case !utf8.ValidString(name):
		return "is not valid UTF-8 text"
	case strings.ContainsAny(name, `/\`):
		return `must not contain a path separator (/ or \)`
	case strings.Contains(name, ".."):
		return `must not contain ".."`
	case strings.HasPrefix(name, "."):
		return "must not start with a dot (such files are hidden)"
	}
	for _, r := range name {
		if !unicode.IsPrint(r) {
			return fmt.Sprintf("must be printable: it contains the control or invisible character %U", r)
		}
	}
	switch {
	case strings.ContainsAny(name, `<>:"|?*`):
		return `must not contain any of < > : " | ? * (Windows cannot store them in file names)`
	case strings.TrimSpace(name) != name:
		return "must not start or end with a space"
	case strings.HasSuffix(name, "."):
		return "must not end with a dot (Windows drops it)"
	case isWindowsReserved(name):
		return "is a device name on Windows (CON, PRN, AUX, NUL, CONIN$, CONOUT$, COM0-9, LPT0-9, also with ¹²³); choose another"
	}
	if n := utf8.RuneCountInString(name); n > MaxNameLen {
		return fmt.Sprintf("is %d characters; at most %d are allowed", n, MaxNameLen)
	}
	if len(name) > maxNameBytes {
		return fmt.Sprintf("is too long for a file name (%d bytes of UTF-8; at most %d)", len(name), maxNameBytes)
	}
	return ""
}

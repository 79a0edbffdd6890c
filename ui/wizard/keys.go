package wizard

import "github.com/charmbracelet/bubbles/key"

// keys are every binding of the wizard. A screen answers only keys it lists
// in its keyMap, so the help line (and ? for all of them) shows exactly what
// works there. Lists that take typed text (a filter) use Up/Down; lists
// without a filter add j/k (ListUp/ListDown).
type keys struct {
	Quit, Back, Cancel, Help, Env, Refresh       key.Binding
	Up, Down, ListUp, ListDown, PageUp, PageDown key.Binding
	Top, Bottom, Next, Prev, Enter               key.Binding
	Choose, Presets, Toggle, YesNo               key.Binding
	Cycle, Generate, AddDest, RemoveDest         key.Binding
	Send, CopyBody, CopyCurl, Edit, Save         key.Binding
	CopyToken, CopyPayLink, Fresh, StartOver     key.Binding
	QuitQ, Credentials, ToPreview, Yes, No       key.Binding
	Snippet, Open, WriteQR, Copy, Select         key.Binding
	Try, Watch                                   key.Binding
}

func defaultKeys() keys {
	b := func(help, desc string, k ...string) key.Binding {
		return key.NewBinding(key.WithKeys(k...), key.WithHelp(help, desc))
	}
	return keys{
		Quit:        b("ctrl+c", "quit", "ctrl+c"),
		Back:        b("esc", "back", "esc"),
		Cancel:      b("esc", "cancel", "esc"),
		Help:        b("?", "more keys", "?"),
		Env:         b("ctrl+e", "environment", "ctrl+e"),
		Refresh:     b("ctrl+r", "refresh catalog", "ctrl+r"),
		Up:          b("↑", "up", "up", "ctrl+p"),
		Down:        b("↓", "down", "down", "ctrl+n"),
		ListUp:      b("↑/k", "up", "up", "k", "ctrl+p"),
		ListDown:    b("↓/j", "down", "down", "j", "ctrl+n"),
		PageUp:      b("pgup", "page up", "pgup"),
		PageDown:    b("pgdn", "page down", "pgdown"),
		Top:         b("g/home", "top", "g", "home"),
		Bottom:      b("G/end", "bottom", "G", "end"),
		Next:        b("tab/↓", "next field", "tab", "down"),
		Prev:        b("shift+tab/↑", "previous field", "shift+tab", "up"),
		Enter:       b("enter", "continue", "enter"),
		Choose:      b("1-7", "choose", "1", "2", "3", "4", "5", "6", "7"),
		Presets:     b("p", "presets", "p"),
		Toggle:      b("space/x", "toggle", " ", "x"),
		YesNo:       b("y/n", "yes/no", "y", "n"),
		Cycle:       b("←/→", "change", "left", "right"),
		Generate:    b("ctrl+g", "generate", "ctrl+g"),
		AddDest:     b("ctrl+o", "another destination", "ctrl+o"),
		RemoveDest:  b("ctrl+x", "remove destination", "ctrl+x"),
		Send:        b("enter", "send", "enter"),
		CopyBody:    b("c", "copy body", "c"),
		CopyCurl:    b("u", "curl command", "u"),
		Edit:        b("e", "edit", "e"),
		Save:        b("s", "save preset", "s"),
		CopyToken:   b("c", "copy token", "c"),
		CopyPayLink: b("p", "copy pay link", "p"),
		Fresh:       b("f", "fresh token", "f"),
		StartOver:   b("n", "start over", "n"),
		QuitQ:       b("q", "quit", "q"),
		Credentials: b("enter", "credentials", "enter"), // reads "enter credentials"
		ToPreview:   b("enter", "back to preview", "enter"),
		Yes:         b("y", "overwrite", "y", "Y"),
		No:          b("n", "keep", "n", "N"),
		Snippet:     b("x", "copy code for your app", "x"),
		Open:        b("o", "open in browser", "o"),
		Try:         b("t", "try Link in the browser", "t"),
		WriteQR:     b("w", "write QR code PNG", "w"),
		Watch:       b("v", "watch the transfer", "v"),
		Copy:        b("c", "copy", "c"),
		Select:      b("l", "print to select", "l"),
	}
}

// keyMap is one screen's bindings for bubbles/help: short is the help line,
// full (shown by ?) is every key the screen answers.
type keyMap struct {
	short []key.Binding
	full  [][]key.Binding
}

func (k keyMap) ShortHelp() []key.Binding  { return k.short }
func (k keyMap) FullHelp() [][]key.Binding { return k.full }

// helpOf makes a keyMap whose full help is short plus the extra columns,
// each key listed once, as the first column that names it says.
func helpOf(short []key.Binding, extra ...[]key.Binding) keyMap {
	full := [][]key.Binding{short}
	listed := map[string]bool{}
	for _, b := range short {
		listed[b.Help().Key] = true
	}
	for _, col := range extra {
		var keep []key.Binding
		for _, b := range col {
			if !listed[b.Help().Key] {
				listed[b.Help().Key] = true
				keep = append(keep, b)
			}
		}
		if len(keep) > 0 {
			full = append(full, keep)
		}
	}
	return keyMap{short: short, full: full}
}

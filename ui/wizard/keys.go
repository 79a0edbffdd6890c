package wizard

import "github.com/charmbracelet/bubbles/key"

// keys are every binding of the wizard. A screen picks the ones it honours
// in its keyMap, so the help line shows exactly what works there.
type keys struct {
	Quit, Back, Help, Env, Refresh                  key.Binding
	Up, Down, PageUp, PageDown, Next, Prev, Enter   key.Binding
	Toggle, Cycle, Generate                         key.Binding
	Send, CopyBody, CopyCurl, Edit, Save            key.Binding
	CopyToken, CopyPayLink, Fresh, StartOver, QuitQ key.Binding
	Credentials                                     key.Binding
}

func defaultKeys() keys {
	b := func(help, desc string, k ...string) key.Binding {
		return key.NewBinding(key.WithKeys(k...), key.WithHelp(help, desc))
	}
	return keys{
		Quit:        b("ctrl+c", "quit", "ctrl+c"),
		Back:        b("esc", "back", "esc"),
		Help:        b("?", "more keys", "?"),
		Env:         b("ctrl+e", "environment", "ctrl+e"),
		Refresh:     b("ctrl+r", "refresh catalog", "ctrl+r"),
		Up:          b("↑", "up", "up", "ctrl+p"),
		Down:        b("↓", "down", "down", "ctrl+n"),
		PageUp:      b("pgup", "page up", "pgup"),
		PageDown:    b("pgdn", "page down", "pgdown"),
		Next:        b("tab/↓", "next field", "tab", "down"),
		Prev:        b("shift+tab/↑", "previous field", "shift+tab", "up"),
		Enter:       b("enter", "continue", "enter"),
		Toggle:      b("space", "toggle", " "),
		Cycle:       b("←/→", "change", "left", "right"),
		Generate:    b("ctrl+g", "generate", "ctrl+g"),
		Send:        b("enter", "send", "enter"),
		CopyBody:    b("c", "copy body", "c"),
		CopyCurl:    b("u", "copy curl", "u"),
		Edit:        b("e", "edit", "e"),
		Save:        b("s", "save preset", "s"),
		CopyToken:   b("c", "copy token", "c"),
		CopyPayLink: b("p", "copy pay link", "p"),
		Fresh:       b("f", "fresh token", "f"),
		StartOver:   b("n", "start over", "n"),
		QuitQ:       b("q", "quit", "q"),
		Credentials: b("enter", "enter credentials", "enter"),
	}
}

// keyMap is one screen's bindings for bubbles/help.
type keyMap struct {
	short []key.Binding
	full  [][]key.Binding
}

func (k keyMap) ShortHelp() []key.Binding  { return k.short }
func (k keyMap) FullHelp() [][]key.Binding { return k.full }

package wizard

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/meshlink/meshlink/mesh"
)

// useCaseScreen is the first screen: what the token is for, or a preset to
// start from.
type useCaseScreen struct {
	s      *session
	list   *picker
	width  int
	height int
}

func newUseCaseScreen(s *session) screen {
	keys := make([]string, 0, len(mesh.UseCases)+1)
	for _, u := range mesh.UseCases {
		keys = append(keys, u.Title())
	}
	if s.o.Presets != nil {
		keys = append(keys, "preset")
	}
	u := &useCaseScreen{s: s, list: newPicker(keys), width: defaultWidth}
	for i, uc := range mesh.UseCases {
		if uc == s.setup.UseCase {
			u.list.selectItem(i)
		}
	}
	return u
}

func (u *useCaseScreen) title() string     { return "Use case" }
func (u *useCaseScreen) step() stepID      { return stepUseCase }
func (u *useCaseScreen) usesCatalog() bool { return true }
func (u *useCaseScreen) show() tea.Cmd     { return nil }
func (u *useCaseScreen) setSize(w, h int)  { u.width, u.height = w, h; u.list.rows = h }

func (u *useCaseScreen) update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	keys := u.s.keys
	switch {
	case key.Matches(k, keys.Choose):
		u.list.selectItem(int(k.Runes[0] - '1'))
		return u.choose()
	case key.Matches(k, keys.Presets) && u.s.o.Presets != nil:
		u.list.selectItem(len(mesh.UseCases))
		return u.choose()
	case key.Matches(k, keys.Enter):
		return u.choose()
	}
	_, _ = u.list.update(k, keys)
	return nil
}

func (u *useCaseScreen) choose() tea.Cmd {
	i, _ := u.list.current()
	if i >= len(mesh.UseCases) {
		return push(newPresetsScreen(u.s))
	}
	u.s.setup.UseCase = mesh.UseCases[i]
	u.s.clearStatus()
	return next(u.s, stepUseCase)
}

func (u *useCaseScreen) view() string {
	st := u.s.st
	head := []string{st.bold.Render("What should the link token do?"), ""}
	row := func(i int, cur bool) []string {
		title, summary, num := "Start from a preset…", "replay a saved setup (use case, networks, destinations)", "p "
		if i < len(mesh.UseCases) {
			title, summary, num = mesh.UseCases[i].Title(), mesh.UseCases[i].Summary(), string(rune('1'+i))+" "
		}
		line := "  " + st.dim.Render(num) + title
		if cur {
			line = st.accent.Render("› ") + st.selected.Render(num+title)
		}
		lines := []string{line}
		for _, l := range strings.Split(wordwrap(summary, max(u.width-6, 20)), "\n") {
			lines = append(lines, "    "+st.dim.Render(l))
		}
		return lines
	}
	// The newest fetches go under the list, as many as fit beside it whole;
	// on a short terminal the newest takes the blank line under the title.
	var recent []string
	if len(u.s.recent) > 0 {
		spare := u.height - len(head) - len(u.list.view(1<<10, row))
		if n := min(len(u.s.recent), spare-2); n > 0 {
			recent = append(recent, "", st.dim.Render("Recent fetches (meshlink history):"))
			for _, l := range u.s.recent[:n] {
				recent = append(recent, st.dim.Render("  "+l))
			}
		} else {
			// alone, the line needs no columns: single spaces keep its
			// outcome whole on a narrow terminal
			last := "last: " + u.s.recent[0]
			if ansi.StringWidth(last) > u.width {
				last = "last: " + strings.Join(strings.Fields(u.s.recent[0]), " ")
			}
			head[1] = st.dim.Render(last)
		}
	}
	rows := u.list.view(u.height-len(head)-len(recent), row)
	return strings.Join(append(append(head, rows...), recent...), "\n")
}

func (u *useCaseScreen) keyMap() keyMap {
	k := u.s.keys
	short := []key.Binding{k.ListUp, k.ListDown, k.Enter}
	full := append(u.list.bindings(k), k.Choose, k.Enter)
	if u.s.o.Presets != nil {
		full = append(full, k.Presets)
	}
	return helpOf(short, full)
}

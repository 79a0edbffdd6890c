package wizard

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/meshlink/meshlink/mesh"
)

// useCaseStep is the first screen: what the token is for.
type useCaseStep struct {
	cursor     int
	hasPresets bool
}

func newUseCaseStep(hasPresets bool) useCaseStep { return useCaseStep{hasPresets: hasPresets} }

func (u useCaseStep) count() int {
	if u.hasPresets {
		return len(mesh.UseCases) + 1
	}
	return len(mesh.UseCases)
}

// useCaseAt is the use case of row i; ok is false for the preset row, the
// last one, so the cursor starts on what most people came for.
func (u useCaseStep) useCaseAt(i int) (mesh.UseCase, bool) {
	if i >= len(mesh.UseCases) {
		return "", false
	}
	return mesh.UseCases[i], true
}

func (m *Model) updateUseCase(msg tea.KeyMsg) tea.Cmd {
	u := &m.useCase
	switch {
	case key.Matches(msg, m.keys.Up), msg.String() == "k":
		u.cursor = max(u.cursor-1, 0)
	case key.Matches(msg, m.keys.Down), msg.String() == "j":
		u.cursor = min(u.cursor+1, u.count()-1)
	case msg.Type == tea.KeyRunes && len(msg.Runes) == 1 && msg.Runes[0] >= '1' && msg.Runes[0] <= '9':
		if i := int(msg.Runes[0] - '1'); i < len(mesh.UseCases) {
			u.cursor = i
			return m.chooseUseCase()
		}
	case msg.String() == "p" && u.hasPresets:
		u.cursor = len(mesh.UseCases)
		return m.chooseUseCase()
	case key.Matches(msg, m.keys.Enter):
		return m.chooseUseCase()
	}
	return nil
}

func (m *Model) chooseUseCase() tea.Cmd {
	uc, ok := m.useCase.useCaseAt(m.useCase.cursor)
	if !ok {
		return m.openPresets()
	}
	m.setup.UseCase = uc
	m.clearStatus()
	return m.next()
}

func (m *Model) useCaseView(h int) string {
	st := m.st
	lines := []string{st.bold.Render("What should the link token do?"), ""}
	top, bottom := 0, 0
	for i := 0; i < m.useCase.count(); i++ {
		uc, ok := m.useCase.useCaseAt(i)
		title, summary := "Start from a preset…", "replay a saved setup (use case, networks, destinations)"
		num := "p "
		if ok {
			title, summary = uc.Title(), uc.Summary()
			num = string(rune('1'+i)) + " "
		}
		if i == m.useCase.cursor {
			top = len(lines)
			lines = append(lines, st.accent.Render("› ")+st.selected.Render(num+title))
		} else {
			lines = append(lines, "  "+st.dim.Render(num)+title)
		}
		for _, l := range strings.Split(ansi.Wordwrap(summary, max(m.width-6, 20), ""), "\n") {
			lines = append(lines, "    "+st.dim.Render(l))
		}
		if i == m.useCase.cursor {
			bottom = len(lines) - 1
		}
	}
	return strings.Join(window(lines, top, bottom, h), "\n")
}

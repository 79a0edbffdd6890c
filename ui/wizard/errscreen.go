package wizard

import (
	"errors"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/meshlink/meshlink/mesh"
)

// errorScreen explains a failed request and offers the way back.
type errorScreen struct {
	s            *session
	err          error
	unauthorized bool
	width        int
}

func newErrorScreen(s *session, err error) *errorScreen {
	e := &errorScreen{s: s, err: err, width: defaultWidth}
	var apiErr *mesh.APIError
	e.unauthorized = errors.As(err, &apiErr) && apiErr.Unauthorized()
	return e
}

func (e *errorScreen) title() string    { return "Error" }
func (e *errorScreen) show() tea.Cmd    { return nil }
func (e *errorScreen) setSize(w, _ int) { e.width = w }

func (e *errorScreen) update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	keys := e.s.keys
	switch {
	case key.Matches(k, keys.Credentials) && e.unauthorized:
		return openDialog(newCredentialsDialog(e.s, e.s.env, popToPreviewMsg{}))
	case key.Matches(k, keys.ToPreview), key.Matches(k, keys.Back):
		return pop()
	}
	return nil
}

func (e *errorScreen) view() string {
	st := e.s.st
	w := max(e.width-2, 20)
	var b strings.Builder
	b.WriteString(st.err.Render("✗ no token") + "\n\n")
	for _, part := range strings.Split(e.err.Error(), "\n") {
		b.WriteString(wordwrap(mesh.CleanText(part), w) + "\n")
	}
	b.WriteString("\n")
	hint := st.bold.Render("enter") + " or " + st.bold.Render("esc") + " back to the preview: nothing you entered is lost"
	if e.unauthorized {
		hint = st.bold.Render("enter") + " type other keys for this run (never saved) · " + st.bold.Render("esc") + " back to the preview"
	}
	b.WriteString(wordwrap(hint, w) + "\n")
	return b.String()
}

func (e *errorScreen) keyMap() keyMap {
	k := e.s.keys
	first := k.ToPreview
	if e.unauthorized {
		first = k.Credentials
	}
	return helpOf([]key.Binding{first, k.Back})
}

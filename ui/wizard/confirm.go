package wizard

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/meshlink/meshlink/mesh"
)

// confirmDialog asks the user to type "production" before the first send
// there.
type confirmDialog struct {
	s     *session
	input textinput.Model
	// wrong is the last word typed that was not production, said in the
	// dialog; the field is emptied for the next try.
	wrong string
	width int
}

func newConfirmDialog(s *session) screen {
	in := textinput.New()
	in.Prompt = "Type production to send: "
	in.PromptStyle = s.st.warn
	in.CharLimit = 20
	in.Cursor.SetMode(cursor.CursorStatic)
	in.Focus()
	return &confirmDialog{s: s, input: in}
}

func (c *confirmDialog) title() string    { return "Confirm production" }
func (c *confirmDialog) show() tea.Cmd    { return nil }
func (c *confirmDialog) typing() bool     { return true }
func (c *confirmDialog) setSize(w, _ int) { c.width = w }

func (c *confirmDialog) update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(k, c.s.keys.Cancel):
		return closeDialog()
	case key.Matches(k, c.s.keys.Enter):
		if typed := strings.TrimSpace(c.input.Value()); typed != string(mesh.EnvProduction) {
			c.wrong = typed
			c.input.Reset()
			c.s.say(statusErr, "not sent: type production, the whole word, then enter; or esc to go back")
			return nil
		}
		return msgCmd(prodConfirmedMsg{})
	}
	var cmd tea.Cmd
	c.input, cmd = c.input.Update(k)
	return cmd
}

func (c *confirmDialog) view() string {
	st := c.s.st
	text := "This request goes to Mesh's production API (" + mesh.ProductionBaseURL + ") and makes a real link token for real users."
	out := st.prod.Render(" PRODUCTION ") + "\n\n" + wordwrap(text, max(c.width, 20)) + "\n\n" + c.input.View()
	if c.wrong != "" {
		out += "\n" + st.err.Render(wordwrap(fmt.Sprintf("%q is not production: type production, the whole word, then enter", mesh.CleanText(c.wrong)), max(c.width, 20)))
	}
	return out
}

func (c *confirmDialog) keyMap() keyMap {
	k := c.s.keys
	send := key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "send"))
	return helpOf([]key.Binding{send, k.Cancel})
}

package wizard

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/meshlink/meshlink/mesh"
)

// credentialsDialog asks for MESH_CLIENT_ID and MESH_CLIENT_SECRET, the
// secret in a masked field (the client id is no secret: it shows, so a
// wrong one can be seen). They live in the session for this run only: never
// saved, the secret never drawn.
type credentialsDialog struct {
	s      *session
	env    mesh.Environment
	then   tea.Msg
	form   *form
	id     string
	secret string
	width  int
	height int
}

// newCredentialsDialog asks for env's keys; then is what happens once they
// are set (a send, an environment switch).
func newCredentialsDialog(s *session, env mesh.Environment, then tea.Msg) screen {
	// after a 401 the client id already given for env stays: only what was
	// wrong needs typing again
	c := &credentialsDialog{s: s, env: env, then: then, id: s.creds[env].ClientID}
	c.form = newForm(
		newTextField("MESH_CLIENT_ID", "", "your client id", func() string { return c.id }, func(v string) { c.id = v }),
		newTextField("MESH_CLIENT_SECRET", "", "your API secret", func() string { return c.secret }, func(v string) { c.secret = v }).secret(),
	)
	if c.id != "" {
		c.form.focus = 1
		c.form.refocus()
	}
	return c
}

func (c *credentialsDialog) title() string      { return "Credentials" }
func (c *credentialsDialog) show() tea.Cmd      { return nil }
func (c *credentialsDialog) currentForm() *form { return c.form }
func (c *credentialsDialog) typing() bool       { return true }
func (c *credentialsDialog) setSize(w, h int)   { c.width, c.height = w, h; c.form.setWidth(w) }

func (c *credentialsDialog) update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	if key.Matches(k, c.s.keys.Cancel) {
		return closeDialog()
	}
	cmd, submit := c.form.update(k, c.s.keys)
	if !submit {
		return cmd
	}
	id, secret := strings.TrimSpace(c.id), strings.TrimSpace(c.secret)
	if id == "" || secret == "" {
		c.form.focus = 0
		if id != "" {
			c.form.focus = 1
		}
		c.form.refocus()
		c.s.say(statusErr, "both the client id and the secret are needed (esc to cancel)")
		return cmd
	}
	c.id, c.secret = "", "" // the typed values leave with the message
	return msgCmd(credentialsEnteredMsg{env: c.env, creds: mesh.Credentials{ClientID: id, ClientSecret: secret}, then: c.then})
}

func (c *credentialsDialog) view() string {
	st := c.s.st
	where := string(c.env)
	if c.env == mesh.EnvCustom {
		where = c.s.o.BaseURL
	}
	intro := "Mesh keys for " + where + ". They are used for this run only: never saved, the secret never shown. " + variablesNote(c.s.o.Credentials)
	if c.env == mesh.EnvProduction {
		intro = "Production keys (not sandbox's). " + intro
	}
	return st.bold.Render("Credentials") + "\n" + st.dim.Render(wordwrap(intro, max(c.width, 20))) + "\n\n" +
		c.form.view(st, nil, c.height-6)
}

// variablesNote says what the variables can do, given those set (env): set
// the missing ones to skip the question next time; both set, typed keys
// take their place (after a 401: they were refused).
func variablesNote(env mesh.Credentials) string {
	switch {
	case env.ClientID != "" && env.ClientSecret != "":
		return "They take the place of MESH_CLIENT_ID and MESH_CLIENT_SECRET, which are set, for this run."
	case env.ClientID != "":
		return "Set MESH_CLIENT_SECRET too to skip this next time."
	case env.ClientSecret != "":
		return "Set MESH_CLIENT_ID too to skip this next time."
	}
	return "Set MESH_CLIENT_ID and MESH_CLIENT_SECRET to skip this next time."
}

func (c *credentialsDialog) keyMap() keyMap {
	k := c.s.keys
	return helpOf([]key.Binding{k.Next, k.Enter, k.Cancel}, append(c.form.bindings(k), k.Cancel))
}

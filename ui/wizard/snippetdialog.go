package wizard

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/mesh/snippet"
)

// snippetDialog picks a platform and shows (and copies) the code that opens
// Link with the result's token there (x on the result screen).
type snippetDialog struct {
	s     *session
	token *mesh.LinkToken
	req   *mesh.LinkTokenRequest
	env   mesh.Environment
	list  *picker
	width int
}

func newSnippetDialog(s *session, t *mesh.LinkToken, req *mesh.LinkTokenRequest, env mesh.Environment) screen {
	names := make([]string, len(snippet.Platforms))
	for i, p := range snippet.Platforms {
		names[i] = string(p)
	}
	return &snippetDialog{s: s, token: t, req: req, env: env, list: newPicker(names)}
}

func (d *snippetDialog) title() string    { return "Code for your app" }
func (d *snippetDialog) show() tea.Cmd    { return nil }
func (d *snippetDialog) setSize(w, h int) { d.width, d.list.rows = w, h }

func (d *snippetDialog) update(msg tea.Msg) tea.Cmd {
	return d.list.dialogKey(msg, d.s.keys, func(i int) tea.Cmd { return d.copy(snippet.Platforms[i]) })
}

// copy renders p's snippet with the token (and the request's accessTokens,
// and for node its body) and shows it on a screen that copies it; the
// dialog closes either way.
func (d *snippetDialog) copy(p snippet.Platform) tea.Cmd {
	if p == snippet.PayLink && d.token.PayLinkRefused != "" {
		d.s.say(statusWarn, "no paylink code: "+d.token.PayLinkRefused)
		return closeDialog()
	}
	if p == snippet.PayLink && d.token.PaymentLink == "" {
		d.s.say(statusWarn, "no paylink code: this token has no pay link (turn on \"Generate a pay link\" in the details)")
		return closeDialog()
	}
	code, err := snippet.Render(p, snippet.Options{
		Token: d.token.Token, PaymentLink: d.token.PaymentLink, AccessTokens: d.req.AccessTokens,
		Request: d.req, BaseURL: d.baseURL(),
	})
	if err != nil {
		d.s.say(statusErr, "no "+string(p)+" code: "+err.Error())
		return closeDialog()
	}
	intro := "The " + string(p) + " code that opens Link with this token; its checklist is at the end."
	return tea.Batch(closeDialog(), push(newTextScreen(d.s, string(p)+" code", "the "+string(p)+" code", intro, code)))
}

// baseURL is the host the node code calls: this environment's, and for the
// demo a `meshlink demo-server`, since the wizard's own ends with it.
func (d *snippetDialog) baseURL() string {
	switch d.env {
	case mesh.EnvDemo:
		return mesh.DemoServerURL
	case mesh.EnvCustom:
		return d.s.o.BaseURL
	}
	return d.env.BaseURL()
}

func (d *snippetDialog) view() string {
	st := d.s.st
	lines := []string{st.bold.Render("Copy the code that opens Link with this token:"), ""}
	lines = append(lines, d.list.view(d.list.rows-4, func(i int, cur bool) []string {
		p := snippet.Platforms[i]
		line := "  " + string(p)
		if cur {
			line = st.accent.Render("› ") + st.selected.Render(string(p))
		}
		lines := []string{line}
		for _, l := range strings.Split(wordwrap(p.Describe(), max(d.width-4, 20)), "\n") {
			lines = append(lines, "    "+st.dim.Render(l))
		}
		return lines
	})...)
	lines = append(lines, "", st.dim.Render("The token is in the code, for a quick try: single use, 10 minutes."))
	return strings.Join(lines, "\n")
}

func (d *snippetDialog) keyMap() keyMap {
	k := d.s.keys
	return helpOf([]key.Binding{k.ListUp, k.ListDown, k.Enter, k.Cancel}, d.list.bindings(k))
}

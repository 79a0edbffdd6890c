package wizard

import (
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/presets"
)

// presetSavedMsg: a save finished; exists means it asks to overwrite.
type presetSavedMsg struct {
	name   string
	err    error
	exists bool
}

// saveDialog asks for a name and a description, and before overwriting. A
// loaded preset offers its own name, so saving it back is enter, y.
type saveDialog struct {
	s                 *session
	form              *form
	name, description string
	confirmOverwrite  bool
	width, height     int
}

func newSaveDialog(s *session) screen {
	d := &saveDialog{s: s, name: s.preset, description: s.presetDescription}
	d.form = newForm(
		newTextField("Name", "", "e.g. qa-payment", func() string { return d.name }, func(v string) { d.name = v }),
		newTextField("Description", "", "optional", func() string { return d.description }, func(v string) { d.description = v }),
	)
	return d
}

func (d *saveDialog) title() string      { return "Save preset" }
func (d *saveDialog) show() tea.Cmd      { return nil }
func (d *saveDialog) currentForm() *form { return d.form }
func (d *saveDialog) typing() bool       { return !d.confirmOverwrite }
func (d *saveDialog) setSize(w, h int)   { d.width, d.height = w, h; d.form.setWidth(w) }

// preset is the setup as a preset: the body exactly as the preview shows
// it, the transactionId fresh on every run when "new each run" is on.
func (d *saveDialog) preset() *presets.Preset {
	s := d.s
	var fresh []presets.Field
	if s.setup.FreshTxID {
		fresh = append(fresh, presets.FreshTransactionID)
	}
	p := presets.FromRequest(strings.TrimSpace(d.name), s.setup.UseCase, s.env, s.request(), fresh...)
	p.Description = strings.TrimSpace(d.description)
	return p
}

func (d *saveDialog) saveCmd(overwrite bool) tea.Cmd {
	p, store := d.preset(), d.s.o.Presets
	return func() tea.Msg {
		err := store.Save(p, overwrite)
		return presetSavedMsg{name: p.Name, err: err, exists: errors.Is(err, presets.ErrExists)}
	}
}

func (d *saveDialog) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case presetSavedMsg:
		return d.saved(msg)
	case tea.KeyMsg:
		k := d.s.keys
		switch {
		case key.Matches(msg, k.Cancel):
			return closeDialog()
		case d.confirmOverwrite && key.Matches(msg, k.Yes):
			d.confirmOverwrite = false
			return d.saveCmd(true)
		case d.confirmOverwrite && key.Matches(msg, k.No):
			d.confirmOverwrite = false
			d.s.say(statusInfo, "not overwritten: choose another name")
			return nil
		case d.confirmOverwrite:
			return nil
		}
		cmd, submit := d.form.update(msg, k)
		if !submit {
			return cmd
		}
		if strings.TrimSpace(d.name) == "" {
			d.s.say(statusErr, "give the preset a name")
			return cmd
		}
		// As token --preset will check it, with the catalog: a preset that
		// could never be sent (a placeholder address) is not saved.
		if errs := mesh.Validate(d.s.request(), d.s.catalog).Errors(); len(errs) > 0 {
			d.s.say(statusErr, fmt.Sprintf("not saved: %s on the preview; a preset must be one that can be sent", plural(len(errs), "error")))
			return cmd
		}
		d.s.say(statusInfo, "saving…")
		return d.saveCmd(false)
	}
	return nil
}

func (d *saveDialog) saved(msg presetSavedMsg) tea.Cmd {
	name := mesh.CleanText(msg.name)
	switch {
	case msg.exists:
		d.confirmOverwrite = true
		d.s.say(statusWarn, "a preset named "+name+" exists: overwrite it? y/n")
		return nil
	case msg.err != nil:
		d.s.say(statusErr, "not saved: "+mesh.CleanText(msg.err.Error()))
		return nil
	}
	d.s.preset, d.s.presetDescription = msg.name, strings.TrimSpace(d.description)
	if len(d.s.request().AccessTokens) > 0 {
		d.s.say(statusOK, "saved preset "+name+" without its accessTokens: a preset never holds them; "+presets.AccessTokensBelong)
	} else {
		d.s.say(statusOK, "saved preset "+name+" (no keys are ever saved)")
	}
	return closeDialog()
}

func (d *saveDialog) view() string {
	st := d.s.st
	return st.bold.Render("Save this setup as a preset") + "\n" +
		st.dim.Render("Use case, environment, fields, networks and destinations; never the keys.") + "\n\n" +
		d.form.view(st, nil, d.height-3)
}

func (d *saveDialog) keyMap() keyMap {
	k := d.s.keys
	if d.confirmOverwrite {
		return helpOf([]key.Binding{k.Yes, k.No, k.Cancel})
	}
	save := key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save"))
	return helpOf([]key.Binding{k.Next, save, k.Cancel}, append(d.form.bindings(k), k.Cancel))
}

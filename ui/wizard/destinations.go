package wizard

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/meshlink/meshlink/mesh"
)

// destinationsScreen edits the ordered list of destinations: several per
// network (USDC and USDT on Ethereum), added with ctrl+o and removed with
// ctrl+x where the focus is.
type destinationsScreen struct{ *formScreen }

func newDestinationsScreen(s *session) screen {
	return destinationsScreen{newFormScreen(s, stepDestinations, "Destinations",
		"Where should the funds go? ctrl+o: another token on a network · ctrl+x: remove", destinationsForm)}
}

// destIndex is the destination the focused field belongs to.
func (d destinationsScreen) destIndex() (int, bool) {
	ff := d.form.focused()
	if ff == nil {
		return 0, false
	}
	var i int
	if _, err := fmt.Sscanf(ff.info().path, "transferOptions.toAddresses[%d]", &i); err != nil {
		return 0, false
	}
	return i, i < len(d.s.setup.Dests)
}

func (d destinationsScreen) update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	i, on := d.destIndex()
	switch {
	case key.Matches(k, d.s.keys.AddDest) && on:
		at := d.s.setup.addDestination(i)
		d.focusDest(at)
		d.s.say(statusInfo, "another destination on "+d.s.network(d.s.setup.Dests[at].NetworkID).Name)
		return nil
	case key.Matches(k, d.s.keys.RemoveDest) && on:
		name := d.s.network(d.s.setup.Dests[i].NetworkID).Name
		d.s.setup.removeDestination(i)
		d.focusDest(min(i, len(d.s.setup.Dests)-1))
		d.s.say(statusInfo, "removed a destination on "+name)
		if len(d.s.setup.Dests) == 0 {
			d.s.say(statusWarn, "no destination left: esc goes back to choose networks")
		}
		return nil
	}
	return d.formScreen.update(msg)
}

// focusDest rebuilds the form and puts the focus on destination i.
func (d destinationsScreen) focusDest(i int) {
	d.form = nil
	d.rebuild()
	d.form.focusPath(fmt.Sprintf("transferOptions.toAddresses[%d].symbol", i))
}

func (d destinationsScreen) keyMap() keyMap {
	km := d.formScreen.keyMap()
	k := d.s.keys
	km.full = append(km.full, []key.Binding{k.AddDest, k.RemoveDest})
	return km
}

func destinationsForm(s *session) *form {
	v := &s.setup
	count := map[string]int{}
	for _, d := range v.Dests {
		count[d.NetworkID]++
	}
	seen := map[string]int{}
	var fields []formField
	for i := range v.Dests {
		d := &v.Dests[i]
		n := s.network(d.NetworkID)
		seen[d.NetworkID]++
		group := n.Name
		if n.NetworkType != "" {
			group += " (" + n.NetworkType + ")"
		}
		if c := count[d.NetworkID]; c > 1 {
			group += fmt.Sprintf(" · %d of %d", seen[d.NetworkID], c)
		}
		for _, f := range formFields(s, mesh.SectionDestination, d, fmt.Sprintf("[%d]", i)) {
			in := f.info()
			if strings.HasSuffix(in.path, ".addressTag") && !n.UsesAddressTag() && strings.TrimSpace(d.AddressTag) == "" {
				continue // a memo only where the network uses one (or the body has one)
			}
			if _, ok := f.(*choiceField); ok {
				in.note = "←/→ or type to filter"
			}
			if t, ok := f.(*textField); ok && strings.HasSuffix(in.path, ".address") {
				t.input.Placeholder = "destination address on " + n.Name
			}
			in.group = group
			fields = append(fields, f)
		}
	}
	return newForm(fields...)
}

package wizard

import (
	"errors"
	"slices"
	"strings"

	"github.com/charmbracelet/huh"
	"github.com/meshlink/meshlink/mesh"
)

// destinations asks for the networks, then each destination, then whether
// another token should be accepted on one of them.
func (a *accessible) destinations(s *setup, cat *mesh.Catalog) error {
	opts := make([]huh.Option[string], len(cat.Networks))
	for i, n := range cat.Networks {
		opts[i] = huh.NewOption(n.Name+" ("+strings.Join(n.SupportedTokens, ", ")+")", n.ID).Selected(s.chosen(n.ID))
	}
	for try := 0; ; try++ {
		if try == 3 {
			return errors.New("no network chosen: the input ended")
		}
		chosen := s.networks()
		if err := a.run(huh.NewMultiSelect[string]().Title("Networks the user may send on").Options(opts...).Value(&chosen)); err != nil {
			return err
		}
		if len(chosen) > 0 {
			// keep the destinations of networks still chosen, in order
			for _, id := range s.networks() {
				if !slices.Contains(chosen, id) {
					s.toggleNetwork(id, "")
				}
			}
			for _, id := range chosen {
				if !s.chosen(id) {
					n, _ := cat.Network(id)
					s.toggleNetwork(id, defaultSymbol(n, nil))
				}
			}
			break
		}
		a.say("Choose at least one network.")
	}
	for i := 0; i < len(s.Dests); i++ {
		if err := a.destination(s, cat, i); err != nil {
			return err
		}
	}
	for {
		more := false
		if err := a.run(huh.NewConfirm().Title("Another destination on one of these networks (another token)?").Value(&more)); err != nil || !more {
			return err
		}
		nets := s.networks()
		pick := nets[0]
		netOpts := make([]huh.Option[string], len(nets))
		for i, id := range nets {
			netOpts[i] = huh.NewOption(s.networkName(cat, id), id)
		}
		if err := a.run(huh.NewSelect[string]().Title("On which network?").Options(netOpts...).Value(&pick)); err != nil {
			return err
		}
		for i, d := range s.Dests {
			if d.NetworkID == pick {
				at := s.addDestination(i)
				if err := a.destination(s, cat, at); err != nil {
					return err
				}
				break
			}
		}
	}
}

// destination asks for the fields of s.Dests[i].
func (a *accessible) destination(s *setup, cat *mesh.Catalog, i int) error {
	d := &s.Dests[i]
	n, _ := cat.Network(d.NetworkID)
	a.say("Destination %d of %d, on %s:", i+1, len(s.Dests), n.Name)
	var fields []mesh.Field
	for _, f := range mesh.FieldsOf(s.UseCase, mesh.SectionDestination) {
		if f.Path == "transferOptions.toAddresses[].addressTag" && !n.UsesAddressTag() {
			continue
		}
		fields = append(fields, f)
	}
	if d.Symbol == "" {
		d.Symbol = defaultSymbol(n, nil)
	}
	return a.ask(s, cat, fields, d)
}

func (s *setup) networkName(cat *mesh.Catalog, id string) string {
	if n, ok := cat.Network(id); ok {
		return n.Name
	}
	return id
}

package wizard

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/meshlink/meshlink/mesh"
)

// networksScreen is a filterable multi-select over the catalog's networks.
// The filter matches token symbols too ("usdc" lists every network carrying
// USDC); choosing a network from it starts its destination with that token.
type networksScreen struct {
	s      *session
	list   *picker
	cat    *mesh.Catalog
	rows   []netRow
	width  int
	height int
}

type netRow struct {
	name, kind string // padded for their columns; kind drawn dim
}

const (
	netNameWidth = 14
	netTypeWidth = 10
)

func newNetworksScreen(s *session) screen {
	n := &networksScreen{s: s, list: newPicker(nil).withFilter(s.st, "type a name, type or token (usdc)"), width: defaultWidth}
	n.index()
	return n
}

func (n *networksScreen) title() string     { return "Networks" }
func (n *networksScreen) step() stepID      { return stepNetworks }
func (n *networksScreen) usesCatalog() bool { return true }
func (n *networksScreen) typing() bool      { return false } // no network name holds a "?"
func (n *networksScreen) show() tea.Cmd     { n.index(); return nil }

// setSize leaves room beside the filter for the "12 of 33 · 2 chosen" count.
func (n *networksScreen) setSize(w, h int) {
	n.width, n.height = w, h
	n.list.filter.Width = max(w-ansi.StringWidth(n.list.filter.Prompt)-28, 8)
	n.list.rows = max(h-5, 1)
}

// index lists the catalog's networks (once per catalog).
func (n *networksScreen) index() {
	c := n.s.catalog
	if c == nil || c == n.cat {
		return
	}
	n.cat = c
	n.rows = make([]netRow, len(c.Networks))
	kinds := map[string]string{} // a few kinds, each styled once
	for i, nw := range c.Networks {
		kind, ok := kinds[nw.NetworkType]
		if !ok {
			kind = n.s.st.dim.Render(pad(nw.NetworkType, netTypeWidth))
			kinds[nw.NetworkType] = kind
		}
		n.rows[i] = netRow{name: pad(nw.Name, netNameWidth), kind: kind}
	}
	n.list.setItems(networkKeys(c))
}

// networkKeys are what the filter searches: name, type and tokens.
func networkKeys(c *mesh.Catalog) []string {
	keys := make([]string, len(c.Networks))
	for i, nw := range c.Networks {
		keys[i] = nw.Name + " " + nw.NetworkType + " " + strings.Join(nw.SupportedTokens, " ")
	}
	return keys
}

func (n *networksScreen) update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	keys := n.s.keys
	switch {
	case key.Matches(k, keys.Back):
		return pop()
	case key.Matches(k, keys.Toggle) && k.Type == tea.KeySpace:
		n.toggle()
	case key.Matches(k, keys.Next) && k.Type == tea.KeyTab: // as in a form: on to the next
		n.list.move(1)
	case key.Matches(k, keys.Prev) && k.Type == tea.KeyShiftTab:
		n.list.move(-1)
	case key.Matches(k, keys.Enter):
		if len(n.s.setup.Dests) == 0 {
			n.s.say(statusErr, "choose at least one network (space)")
			return nil
		}
		n.s.clearStatus()
		return next(n.s, stepNetworks)
	default:
		cmd, _ := n.list.update(k, keys)
		return cmd
	}
	return nil
}

func (n *networksScreen) toggle() {
	i, ok := n.list.current()
	if !ok {
		return
	}
	nw := n.cat.Networks[i]
	n.s.setup.toggleNetwork(nw.ID, defaultSymbol(nw, n.list.words()))
	n.s.revalidate()
}

// defaultSymbol is the token a new destination starts with: the one the
// filter named, else the native one, else the first listed.
func defaultSymbol(nw mesh.Network, words []string) string {
	for _, w := range words {
		for _, t := range nw.SupportedTokens {
			if strings.EqualFold(t, w) {
				return t
			}
		}
	}
	if nw.NativeSymbol != "" && nw.Supports(nw.NativeSymbol) {
		return nw.NativeSymbol
	}
	if len(nw.SupportedTokens) > 0 {
		return nw.SupportedTokens[0]
	}
	return ""
}

// tokens lists a network's tokens, those the filter matched first, so they
// are never cut off the end of the row.
func tokens(nw mesh.Network, words []string) string {
	if len(words) == 0 {
		return strings.Join(nw.SupportedTokens, " ")
	}
	var first, rest []string
	for _, t := range nw.SupportedTokens {
		lt := strings.ToLower(t)
		hit := false
		for _, w := range words {
			hit = hit || strings.Contains(lt, w)
		}
		if hit {
			first = append(first, t)
		} else {
			rest = append(rest, t)
		}
	}
	return strings.Join(append(first, rest...), " ")
}

func (n *networksScreen) view() string {
	st := n.s.st
	chosen := n.s.setup.networks()
	var b strings.Builder
	head := wordwrap("Which networks may the user send on? space toggles, enter goes on.", max(n.width, 20)) +
		"\n" + wordwrap(n.s.catalogLine+" · ctrl+r refresh", max(n.width, 20))
	for _, l := range strings.Split(head, "\n") {
		b.WriteString(st.dim.Render(l) + "\n")
	}
	b.WriteString(n.list.filter.View())
	b.WriteString(st.dim.Render(fmt.Sprintf("  %d of %d · %d chosen", len(n.list.visible), len(n.rows), len(chosen))))
	switch {
	case n.cat == nil:
		b.WriteString("\n" + st.dim.Render("loading the catalog…"))
	case len(n.list.visible) == 0:
		b.WriteString("\n" + st.dim.Render("no network matches; backspace to widen the filter"))
	}
	rows := max(n.height-lipgloss.Height(head)-2, 1)
	if len(chosen) > 0 {
		rows--
	}
	words := n.list.words()
	tokW := max(n.width-8-netNameWidth-netTypeWidth, 4)
	for _, l := range n.list.view(rows, func(i int, cur bool) []string {
		nw, r := n.cat.Networks[i], n.rows[i]
		box := "[ ]"
		if n.s.setup.chosen(nw.ID) {
			box = st.selected.Render("[x]")
		}
		marker, name := "  ", r.name
		if cur {
			marker, name = st.accent.Render("› "), st.bold.Render(r.name)
		}
		return []string{marker + box + " " + name + " " + r.kind + " " + ansi.Truncate(tokens(nw, words), tokW, "…")}
	}) {
		b.WriteString("\n" + l)
	}
	if len(chosen) > 0 {
		names := make([]string, len(chosen))
		for i, id := range chosen {
			names[i] = n.s.network(id).Name
		}
		b.WriteString("\n" + st.ok.Render("chosen: ") + strings.Join(names, ", "))
	}
	return b.String()
}

func (n *networksScreen) keyMap() keyMap {
	k := n.s.keys
	toggle := key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "toggle"))
	tab := key.NewBinding(key.WithKeys("tab", "shift+tab"), key.WithHelp("tab/shift+tab", "next/previous"))
	return helpOf([]key.Binding{toggle, k.Enter, k.Back}, append(n.list.bindings(k), tab, toggle, k.Enter, k.Back))
}

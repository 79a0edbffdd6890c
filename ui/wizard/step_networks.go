package wizard

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/meshlink/meshlink/mesh"
)

// networkStep is a filterable multi-select over the catalog's networks.
// It is its own model rather than huh's MultiSelect because the filter must
// match token symbols too ("usdc" lists every network carrying USDC) and stay
// fast with a thousand networks: search keys are lowercased once, and only
// the visible rows are drawn.
type networkStep struct {
	filter  textinput.Model
	cat     *mesh.Catalog
	items   []netItem
	visible []int // indexes into items that match the filter
	partial []int // scratch for applyFilter: matches inside a word
	cursor  int   // index into visible
	words   []string
}

type netItem struct {
	n      mesh.Network
	search string // " name type symbol symbol … ", lowercased, spaced at both ends
	tokens string // "AAVE APE …" for display
	name   string // padded for the name column
	kind   string // padded for the type column
}

const (
	netNameWidth = 14
	netTypeWidth = 10
)

func newNetworkStep(st styles) networkStep {
	in := textinput.New()
	in.Prompt = "Filter: "
	in.PromptStyle = st.bold
	in.Placeholder = "type a name, type or token (usdc)"
	in.Cursor.SetMode(cursor.CursorStatic)
	in.CharLimit = 80
	in.Focus()
	return networkStep{filter: in}
}

// setCatalog indexes the catalog's networks (once per catalog).
func (n *networkStep) setCatalog(c *mesh.Catalog, _ setup) {
	if c == nil || c == n.cat {
		return
	}
	n.cat = c
	n.items = make([]netItem, len(c.Networks))
	for i, nw := range c.Networks {
		n.items[i] = netItem{
			n:      nw,
			search: " " + strings.ToLower(nw.Name+" "+nw.NetworkType+" "+strings.Join(nw.SupportedTokens, " ")) + " ",
			tokens: strings.Join(nw.SupportedTokens, " "),
			name:   pad(nw.Name, netNameWidth),
			kind:   pad(nw.NetworkType, netTypeWidth),
		}
	}
	n.applyFilter()
}

// setWidth leaves room beside the filter for the "12 of 33 · 2 chosen" count.
func (n *networkStep) setWidth(w int) {
	n.filter.Width = max(w-ansi.StringWidth(n.filter.Prompt)-28, 8)
}

func (n *networkStep) applyFilter() {
	n.words = strings.Fields(strings.ToLower(n.filter.Value()))
	// Whole-word matches lead: "btc" puts Bitcoin before Ethereum's WBTC.
	n.visible, n.partial = n.visible[:0], n.partial[:0]
	for i := range n.items {
		switch s := n.items[i].search; {
		case !matches(s, n.words):
		case matchesWords(s, n.words):
			n.visible = append(n.visible, i)
		default:
			n.partial = append(n.partial, i)
		}
	}
	n.visible = append(n.visible, n.partial...)
	n.cursor = min(n.cursor, max(len(n.visible)-1, 0))
}

// matchesWords: every word of the filter begins a word of the search key.
func matchesWords(search string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(search, " "+w) {
			return false
		}
	}
	return true
}

// matches: every word of the filter is part of the item's search key.
func matches(search string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(search, w) {
			return false
		}
	}
	return true
}

func (n *networkStep) current() (mesh.Network, bool) {
	if n.cursor < 0 || n.cursor >= len(n.visible) {
		return mesh.Network{}, false
	}
	return n.items[n.visible[n.cursor]].n, true
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

// tokensView lists the tokens the filter matched first, so they are never
// cut off the end of the row.
func (n *networkStep) tokensView(it *netItem) string {
	if len(n.words) == 0 {
		return it.tokens
	}
	var first, rest []string
	for _, t := range it.n.SupportedTokens {
		lt := strings.ToLower(t)
		hit := false
		for _, w := range n.words {
			if strings.Contains(lt, w) {
				hit = true
				break
			}
		}
		if hit {
			first = append(first, t)
		} else {
			rest = append(rest, t)
		}
	}
	return strings.Join(append(first, rest...), " ")
}

func (m *Model) toggleCurrentNetwork() {
	n := &m.networks
	nw, ok := n.current()
	if !ok {
		return
	}
	if m.setup.toggleNetwork(nw.ID) {
		if d := m.setup.dest(nw.ID); d.Symbol == "" {
			d.Symbol = defaultSymbol(nw, n.words)
		}
	}
	m.revalidate()
}

func (m *Model) updateNetworks(msg tea.KeyMsg) tea.Cmd {
	n := &m.networks
	page := max(m.bodyHeight()-4, 1)
	switch {
	case key.Matches(msg, m.keys.Back):
		return m.back()
	case key.Matches(msg, m.keys.Up):
		n.cursor = max(n.cursor-1, 0)
	case key.Matches(msg, m.keys.Down):
		n.cursor = min(n.cursor+1, max(len(n.visible)-1, 0))
	case key.Matches(msg, m.keys.PageUp):
		n.cursor = max(n.cursor-page, 0)
	case key.Matches(msg, m.keys.PageDown):
		n.cursor = min(n.cursor+page, max(len(n.visible)-1, 0))
	case msg.Type == tea.KeySpace || msg.Type == tea.KeyTab:
		m.toggleCurrentNetwork()
	case key.Matches(msg, m.keys.Enter):
		if len(m.setup.Networks) == 0 {
			m.toggleCurrentNetwork()
		}
		if len(m.setup.Networks) == 0 {
			m.setStatus(statusErr, "choose at least one network: move to it and press space")
			return nil
		}
		m.clearStatus()
		return m.next()
	default:
		before := n.filter.Value()
		var cmd tea.Cmd
		n.filter, cmd = n.filter.Update(msg)
		if n.filter.Value() != before {
			n.cursor = 0
			n.applyFilter()
		}
		return cmd
	}
	return nil
}

func (n *networkStep) view(m *Model, h int) string {
	st := m.st
	var b strings.Builder
	b.WriteString(st.dim.Render("Which networks may the user send on? space toggles, enter goes on."))
	b.WriteString("\n")
	b.WriteString(st.dim.Render(catalogLine(n.cat, m.o.Now()) + " · ctrl+r refresh"))
	b.WriteString("\n")
	chosen := len(m.setup.Networks)
	count := fmt.Sprintf("  %d of %d · %d chosen", len(n.visible), len(n.items), chosen)
	b.WriteString(n.filter.View())
	b.WriteString(st.dim.Render(count))
	rows := max(h-4, 1)
	if chosen > 0 {
		rows--
	}
	offset := max(n.cursor-rows+1, 0) // the cursor row is always drawn
	if n.cat == nil {
		b.WriteString("\n" + st.dim.Render("loading the catalog…"))
	} else if len(n.visible) == 0 {
		b.WriteString("\n" + st.dim.Render("no network matches; backspace to widen the filter"))
	}
	tokW := max(m.width-8-netNameWidth-netTypeWidth, 4)
	for r := offset; r < len(n.visible) && r < offset+rows; r++ {
		it := &n.items[n.visible[r]]
		box := "[ ]"
		if m.setup.chosen(it.n.ID) {
			box = st.selected.Render("[x]")
		}
		marker, name := "  ", it.name
		if r == n.cursor {
			marker, name = st.accent.Render("› "), st.bold.Render(it.name)
		}
		b.WriteString("\n" + marker + box + " " + name + " " + st.dim.Render(it.kind) + " " + ansi.Truncate(n.tokensView(it), tokW, "…"))
	}
	if chosen > 0 {
		names := make([]string, chosen)
		for i, id := range m.setup.Networks {
			names[i] = m.network(id).Name
		}
		b.WriteString("\n" + st.ok.Render("chosen: ") + strings.Join(names, ", "))
	}
	return b.String()
}

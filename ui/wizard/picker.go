package wizard

import (
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// filterIndex finds items by typed words. Keys are lowercased once, so a
// keystroke over thousands of items costs a few string searches each; and
// typing more only narrows, so a query that extends the last one searches
// only the last one's matches.
type filterIndex struct {
	keys []string // " key ", lowercased, spaced at both ends
	all  []int    // every item: 0, 1, 2 …
	// last is the last query, lowercased; matched holds the items that
	// hold all its words, in the items' order.
	last    string
	matched []int
	fresh   bool // last and matched are set
	// scratch for filter: the lower tiers of the ranking
	words, contains []int
}

func newFilterIndex(keys []string) *filterIndex {
	x := &filterIndex{keys: make([]string, len(keys)), all: make([]int, len(keys))}
	// One string holds them all, in order: a filter reads it front to back.
	var b strings.Builder
	ends := make([]int, len(keys))
	for i, k := range keys {
		b.WriteString(" " + strings.ToLower(k) + " ")
		ends[i] = b.Len()
	}
	all, start := b.String(), 0
	for i, end := range ends {
		x.keys[i], x.all[i], start = all[start:end], i, end
	}
	return x
}

// filter appends to out the items that hold every word of q, best first:
// items whose key starts with the first word, then items where every word
// starts a word ("btc": Bitcoin before Ethereum's WBTC), then the rest, each
// tier in the items' own order.
func (x *filterIndex) filter(q string, out []int) []int {
	q = strings.ToLower(q)
	words := strings.Fields(q)
	starts := make([]string, len(words)) // " word": the word starts a word of the key
	for i, w := range words {
		starts[i] = " " + w
	}
	// Appending to a query only lengthens its last word or adds words, so
	// an item that lacks one of the old words lacks one of the new.
	candidates := x.all
	if x.fresh && strings.HasPrefix(q, x.last) {
		candidates = x.matched
	}
	x.last, x.fresh = q, true
	// x.matched is rewritten from the front, never ahead of the reading.
	x.matched, x.words, x.contains = x.matched[:0], x.words[:0], x.contains[:0]
items:
	for _, i := range candidates {
		k := x.keys[i]
		wordStarts, first := true, false
		for n, w := range words {
			// k begins with a space, so at > 0, and at == 1 is k
			// starting with w; a " w" further on starts at at or after.
			at := strings.Index(k, w)
			if at < 0 {
				continue items
			}
			if wordStarts && k[at-1] != ' ' {
				wordStarts = strings.Contains(k[at:], starts[n])
			}
			first = first || n == 0 && at == 1
		}
		switch {
		case wordStarts && first:
			out = append(out, i)
		case wordStarts:
			x.words = append(x.words, i)
		default:
			x.contains = append(x.contains, i)
		}
		x.matched = append(x.matched, i)
	}
	return append(append(out, x.words...), x.contains...)
}

// picker is the one list type of the wizard (use cases, environments,
// presets, networks): a cursor over items, optionally narrowed by a filter
// the user types, drawn in the room it is given with the cursor in sight.
// What a row looks like is the owner's business.
type picker struct {
	index *filterIndex
	// filter is nil for lists without one; those answer j/k too.
	filter  *textinput.Model
	visible []int // items shown, in order
	cursor  int   // index into visible
	rows    int   // room for rows, for paging
}

func newPicker(itemKeys []string) *picker {
	p := &picker{}
	p.setItems(itemKeys)
	return p
}

// withFilter adds a filter line with prompt and placeholder.
func (p *picker) withFilter(st styles, placeholder string) *picker {
	in := textinput.New()
	in.Prompt = "Filter: "
	in.PromptStyle = st.bold
	in.Placeholder = placeholder
	in.Cursor.SetMode(cursor.CursorStatic)
	in.CharLimit = 80
	in.Focus()
	p.filter = &in
	return p
}

func (p *picker) setItems(itemKeys []string) {
	p.index = newFilterIndex(itemKeys)
	p.applyFilter()
}

func (p *picker) query() string {
	if p.filter == nil {
		return ""
	}
	return p.filter.Value()
}

// words are the filter's words, lowercased.
func (p *picker) words() []string { return strings.Fields(strings.ToLower(p.query())) }

func (p *picker) applyFilter() {
	p.visible = p.index.filter(p.query(), p.visible[:0])
	p.cursor = min(p.cursor, max(len(p.visible)-1, 0))
}

// current is the item under the cursor.
func (p *picker) current() (int, bool) {
	if p.cursor < 0 || p.cursor >= len(p.visible) {
		return 0, false
	}
	return p.visible[p.cursor], true
}

// selectItem puts the cursor on item i when it is shown.
func (p *picker) selectItem(i int) {
	for r, v := range p.visible {
		if v == i {
			p.cursor = r
		}
	}
}

// move moves the cursor by delta rows, within the list.
func (p *picker) move(delta int) {
	p.cursor = min(max(p.cursor+delta, 0), max(len(p.visible)-1, 0))
}

// dialogKey answers a key for a dialog that is this list: esc closes it,
// enter takes the item under the cursor, other keys move in the list.
func (p *picker) dialogKey(msg tea.Msg, k keys, take func(i int) tea.Cmd) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(km, k.Cancel):
		return closeDialog()
	case key.Matches(km, k.Enter):
		i, _ := p.current()
		return take(i)
	}
	_, _ = p.update(km, k)
	return nil
}

// update moves the cursor or types into the filter; handled is false for
// keys the owner should take.
func (p *picker) update(msg tea.KeyMsg, k keys) (cmd tea.Cmd, handled bool) {
	up, down := k.ListUp, k.ListDown
	if p.filter != nil {
		up, down = k.Up, k.Down
	}
	page := max(p.rows-1, 1)
	last := max(len(p.visible)-1, 0)
	switch {
	case key.Matches(msg, up):
		p.cursor = max(p.cursor-1, 0)
	case key.Matches(msg, down):
		p.cursor = min(p.cursor+1, last)
	case key.Matches(msg, k.PageUp):
		p.cursor = max(p.cursor-page, 0)
	case key.Matches(msg, k.PageDown):
		p.cursor = min(p.cursor+page, last)
	case p.filter == nil && key.Matches(msg, k.Top):
		p.cursor = 0
	case p.filter == nil && key.Matches(msg, k.Bottom):
		p.cursor = last
	case p.filter != nil && (msg.Type == tea.KeyRunes || msg.Type == tea.KeyBackspace || msg.Type == tea.KeyDelete ||
		msg.Type == tea.KeyCtrlU || msg.Type == tea.KeyCtrlW || msg.Type == tea.KeyLeft || msg.Type == tea.KeyRight ||
		msg.Type == tea.KeyHome || msg.Type == tea.KeyEnd):
		before := p.filter.Value()
		*p.filter, cmd = p.filter.Update(msg)
		if p.filter.Value() != before {
			p.cursor = 0
			p.applyFilter()
		}
	default:
		return nil, false
	}
	return cmd, true
}

// bindings are the keys the picker answers, for the help.
func (p *picker) bindings(k keys) []key.Binding {
	if p.filter != nil {
		return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, key.NewBinding(key.WithKeys("a"), key.WithHelp("type", "filter"))}
	}
	return []key.Binding{k.ListUp, k.ListDown, k.PageUp, k.PageDown, k.Top, k.Bottom}
}

// view draws the rows that fit in height lines, the cursor's row always
// among them. row gives the lines of item i.
func (p *picker) view(height int, row func(item int, cursor bool) []string) []string {
	var lines []string
	top, bottom := 0, 0
	for r, i := range p.visible {
		if r == p.cursor {
			top = len(lines)
		}
		lines = append(lines, row(i, r == p.cursor)...)
		if r == p.cursor {
			bottom = len(lines) - 1
		}
		if r > p.cursor && len(lines) > bottom+height {
			break // the rest is out of sight
		}
	}
	return window(lines, top, bottom, height)
}

// window cuts lines to height, keeping lines top..bottom visible (as much
// of them as fits) and saying when more lies above or below.
func window(lines []string, top, bottom, height int) []string {
	if height <= 0 || len(lines) <= height {
		return lines
	}
	if height < 3 {
		return lines[top:min(top+height, len(lines))]
	}
	h := height - 2
	start := 0
	if bottom >= h {
		start = bottom - h + 1
	}
	start = min(start, top)
	end := min(start+h, len(lines))
	up, down := "", ""
	if start > 0 {
		up = "  ↑ more"
	}
	if end < len(lines) {
		down = "  ↓ more"
	}
	out := make([]string, 0, height)
	out = append(out, up)
	out = append(out, lines[start:end]...)
	return append(out, down)
}

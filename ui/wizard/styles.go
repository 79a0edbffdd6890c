package wizard

import (
	"io"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// styles are every style the wizard draws with, made by one renderer bound
// to the terminal it draws on. Colours are the 16 ANSI ones, so they follow
// the user's terminal theme and never need a background query.
type styles struct {
	r *lipgloss.Renderer

	title, dim, bold, accent, ok, warn, err, prod, demo, key, selected lipgloss.Style
	jsonKey, jsonString, jsonNumber, jsonLiteral, jsonPunct, dialog    lipgloss.Style
	help                                                               help.Styles
}

func newStyles(out io.Writer, noColor bool) styles {
	r := lipgloss.NewRenderer(out)
	if noColor {
		r.SetColorProfile(termenv.Ascii)
	}
	s := styles{r: r}
	c := func(n string) lipgloss.Style { return r.NewStyle().Foreground(lipgloss.Color(n)) }
	s.title = r.NewStyle().Bold(true)
	s.dim = c("8")
	s.bold = r.NewStyle().Bold(true)
	s.accent = c("6")
	s.ok = c("2")
	s.warn = c("3")
	s.err = c("1")
	s.prod = r.NewStyle().Bold(true).Foreground(lipgloss.Color("0")).Background(lipgloss.Color("3"))
	s.demo = r.NewStyle().Bold(true).Foreground(lipgloss.Color("0")).Background(lipgloss.Color("6"))
	s.key = c("6").Bold(true)
	s.selected = c("6").Bold(true)
	s.jsonKey = c("4")
	s.jsonString = c("2")
	s.jsonNumber = c("5")
	s.jsonLiteral = c("3")
	s.jsonPunct = c("8")
	s.dialog = r.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(lipgloss.Color("6")).Padding(0, 1)
	s.help = help.Styles{
		Ellipsis:       c("8"),
		ShortKey:       c("7").Bold(true),
		ShortDesc:      c("8"),
		ShortSeparator: c("8"),
		FullKey:        c("7").Bold(true),
		FullDesc:       c("8"),
		FullSeparator:  c("8"),
	}
	return s
}

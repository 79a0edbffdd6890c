package cli

import (
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// column is one column of a table that fits the terminal.
type column struct {
	header string
	// keep ranks the column: when the table is too wide, the lowest keep
	// goes first.
	keep int
	// cut is the narrowest its cells may be cut to, with "…", before any
	// column goes; 0: never cut.
	cut int
	// paint, when set, is the style of a cell (whole, before any cut): the
	// status words.
	paint func(cell string) style
}

// fitTable writes rows (cells cleaned already) under the columns' headers,
// two spaces apart, in at most width cells; width 0 is no limit (a pipe).
// Too wide, it leaves out whole columns, lowest keep first, until the rest
// fit once cut, then cuts the widest cuttable columns to fit. It reports
// the headers left out.
func fitTable(w io.Writer, width int, cols []column, rows [][]string) (left []string, err error) {
	widths := make([]int, len(cols))
	shown := make([]bool, len(cols))
	for i, c := range cols {
		widths[i], shown[i] = ansi.StringWidth(c.header), true
		for _, r := range rows {
			widths[i] = max(widths[i], ansi.StringWidth(r[i]))
		}
	}
	// narrowest is a column's width once cut as far as it may be.
	narrowest := func(i int) int {
		if cols[i].cut > 0 {
			return min(widths[i], cols[i].cut)
		}
		return widths[i]
	}
	total := func(width func(int) int) int {
		sum, n := 0, 0
		for i := range cols {
			if shown[i] {
				sum += width(i)
				n++
			}
		}
		return sum + 2*max(n-1, 0)
	}
	natural := func(i int) int { return widths[i] }
	// Columns go, lowest keep first, until the rest fit when cut...
	for width > 0 && total(narrowest) > width && countTrue(shown) > 1 {
		drop := -1
		for i, c := range cols {
			if shown[i] && (drop < 0 || c.keep < cols[drop].keep) {
				drop = i
			}
		}
		shown[drop] = false
		left = append(left, cols[drop].header)
	}
	// ...then the widest cuttable column loses a cell at a time, so the
	// cut columns end up alike.
	for width > 0 && total(natural) > width {
		widest := -1
		for i, c := range cols {
			if shown[i] && c.cut > 0 && widths[i] > c.cut && (widest < 0 || widths[i] > widths[widest]) {
				widest = i
			}
		}
		if widest < 0 {
			break
		}
		widths[widest]--
	}

	out := spansFor(w)
	last := -1
	for i := range cols {
		if shown[i] {
			last = i
		}
	}
	type part struct {
		style style
		text  string
	}
	line := func(cells []string, paint func(i int) style) {
		var parts []part
		for i, cell := range cells {
			if !shown[i] {
				continue
			}
			cut := ansi.Truncate(cell, widths[i], "…")
			parts = append(parts, part{paint(i), cut})
			if i != last {
				parts = append(parts, part{plain, strings.Repeat(" ", widths[i]-ansi.StringWidth(cut)+2)})
			}
		}
		for len(parts) > 0 { // no spaces at the end of a line
			end := &parts[len(parts)-1]
			if end.text = strings.TrimRight(end.text, " "); end.text != "" {
				break
			}
			parts = parts[:len(parts)-1]
		}
		for _, p := range parts {
			out.add(p.style, p.text)
		}
		out.plain("\n")
	}
	headers := make([]string, len(cols))
	for i, c := range cols {
		headers[i] = c.header
	}
	line(headers, func(int) style { return header })
	for _, r := range rows {
		line(r, func(i int) style {
			if cols[i].paint == nil {
				return plain
			}
			return cols[i].paint(r[i])
		})
	}
	return left, out.writeTo(w)
}

func countTrue(bs []bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

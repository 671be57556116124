// Package textout renders the human-readable tables and diagnostic lists
// that the CLI prints. It owns layout only: what to show is decided by the
// packages that build plans and inventories.
package textout

import (
	"fmt"
	"io"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/migrate-runner/migrate-runner/discover"
)

// Diagnostics prints diagnostics as "level path[:line]: message" lines
// under a counted heading; short shortens paths for display (may be nil).
func (ew *Writer) Diagnostics(diags []discover.Diagnostic, short func(string) string) {
	if short == nil {
		short = func(s string) string { return s }
	}
	if len(diags) == 0 {
		return
	}
	ew.Printf("\nDiagnostics (%d):\n", len(diags))
	for _, d := range diags {
		loc := Safe(short(d.Path))
		if d.Line > 0 {
			loc = fmt.Sprintf("%s:%d", loc, d.Line)
		}
		ew.Printf("  %-7s %s: %s\n", d.Level, loc, Safe(d.Message))
	}
}

// Table aligns rows under one header, with group headers in between.
type Table struct {
	lines [][]string // nil cells mean a group header in lines[i][0]
	isHdr []bool
}

// Header starts a group: one unaligned line.
func (t *Table) Header(s string) {
	t.lines = append(t.lines, []string{s})
	t.isHdr = append(t.isHdr, true)
}

// Row adds aligned cells.
func (t *Table) Row(cells ...string) {
	for i, c := range cells {
		cells[i] = Safe(c)
	}
	t.lines = append(t.lines, cells)
	t.isHdr = append(t.isHdr, false)
}

// Write prints the column heads, then every group and row. Plans can
// have 150,000 rows: one reused line buffer, no per-cell allocation.
func (t *Table) Write(ew *Writer, head []string) {
	width := make([]int, len(head))
	for i, h := range head {
		width[i] = utf8.RuneCountInString(h)
	}
	for i, l := range t.lines {
		if t.isHdr[i] {
			continue
		}
		for j, c := range l {
			width[j] = max(width[j], utf8.RuneCountInString(c))
		}
	}
	var buf []byte
	line := func(cells []string) {
		buf = append(buf[:0], "  "...)
		for j, c := range cells {
			buf = append(buf, c...)
			if j < len(cells)-1 {
				for pad := width[j] - utf8.RuneCountInString(c) + 2; pad > 0; pad-- {
					buf = append(buf, ' ')
				}
			}
		}
		for len(buf) > 0 && buf[len(buf)-1] == ' ' {
			buf = buf[:len(buf)-1]
		}
		ew.Write(append(buf, '\n'))
	}
	line(head)
	for i, l := range t.lines {
		if t.isHdr[i] {
			ew.Printf("%s\n", l[0])
			continue
		}
		line(l)
	}
}

// Writer remembers the first write error so that callers can print
// freely and check once.
type Writer struct {
	W   io.Writer
	Err error
}

// Write writes p unless an earlier write failed.
func (e *Writer) Write(p []byte) {
	if e.Err == nil {
		_, e.Err = e.W.Write(p)
	}
}

// Printf writes unless an earlier write failed.
func (e *Writer) Printf(format string, args ...any) {
	if e.Err == nil {
		_, e.Err = fmt.Fprintf(e.W, format, args...)
	}
}

// Diagnostics prints diagnostics the way Writer.Diagnostics does.
func Diagnostics(w io.Writer, diags []discover.Diagnostic, short func(string) string) error {
	ew := &Writer{W: w}
	ew.Diagnostics(diags, short)
	return ew.Err
}

// Safe quotes text holding control characters or invalid UTF-8, so that a
// hostile file name cannot forge lines or drive the terminal.
func Safe(s string) string {
	for _, r := range s {
		if r == utf8.RuneError || unicode.IsControl(r) {
			return strconv.Quote(s)
		}
	}
	return s
}

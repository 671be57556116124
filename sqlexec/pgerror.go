package sqlexec

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/jackc/pgx/v5/pgconn"
	"golang.org/x/text/width"
)

// PgErrorText is the message libpq builds for a server error on query
// (PQresultErrorMessage, which psycopg2 exposes as pgerror and, without
// its "ERROR:  " prefix, as the exception's text), with libpq's default
// verbosity and context visibility: the primary message; where the
// error points into the statement (or into the internal query of a
// PL/pgSQL function), the line with a caret under the character; then
// DETAIL, HINT, QUERY and CONTEXT.
func PgErrorText(pe *pgconn.PgError, query string) string {
	var b strings.Builder
	b.WriteString(pe.Severity)
	b.WriteString(":  ")
	b.WriteString(pe.Message)
	text, pos := "", int32(0)
	switch {
	case pe.Position > 0:
		text, pos = query, pe.Position
	case pe.InternalPosition > 0 && pe.InternalQuery != "":
		text, pos = pe.InternalQuery, pe.InternalPosition
	case pe.InternalPosition > 0:
		b.WriteString(" at character " + strconv.Itoa(int(pe.InternalPosition)))
	}
	b.WriteByte('\n')
	if pos > 0 {
		errorPosition(&b, text, int(pos))
	}
	for _, f := range [...]struct{ label, val string }{
		{"DETAIL", pe.Detail}, {"HINT", pe.Hint}, {"QUERY", pe.InternalQuery}, {"CONTEXT", pe.Where},
	} {
		if f.val != "" {
			b.WriteString(f.label + ":  " + f.val + "\n")
		}
	}
	return b.String()
}

// libpq's limits for the statement line it shows: at most displayWidth
// screen columns, and the cut on the right no nearer than minRightCut to
// the error.
const (
	displayWidth = 60
	minRightCut  = 10
)

// errorPosition writes libpq's "LINE n: …" and caret lines for the
// 1-based character position loc of query. Positions are counted in
// characters; screen columns count East Asian wide characters twice, as
// libpq does for UTF-8 (every other character, control and combining ones
// included, counts once); tabs show as spaces; a line wider than
// displayWidth is cut around the error, with "..." where it was cut.
func errorPosition(b *strings.Builder, query string, loc int) {
	loc-- // 0-based
	if loc < 0 {
		return
	}
	// For each character up to the end of the error's line: its byte
	// offset and its starting screen column, then one entry for the end.
	var offs, cols []int
	line, first, end := 1, 0, -1
	col, n := 0, 0
	var prev rune
	for off, r := range query {
		if r == '\r' || r == '\n' {
			if n >= loc {
				end = n
				offs, cols = append(offs, off), append(cols, col)
				break
			}
			if r == '\r' || n == 0 || prev != '\r' {
				line++
			}
			first = n + 1
		}
		offs, cols = append(offs, off), append(cols, col)
		col += screenWidth(r)
		prev = r
		n++
	}
	if end < 0 {
		end = n
		offs, cols = append(offs, len(query)), append(cols, col)
	}
	if loc > n {
		return // past the end of the query: libpq shows nothing
	}
	cutLeft, cutRight := false, false
	if cols[end]-cols[first] > displayWidth {
		if cols[first]+displayWidth >= cols[loc]+minRightCut {
			for cols[end]-cols[first] > displayWidth {
				end--
			}
			cutRight = true
		} else {
			for cols[loc]+minRightCut < cols[end] {
				end--
				cutRight = true
			}
			for cols[end]-cols[first] > displayWidth {
				first++
				cutLeft = true
			}
		}
	}
	prefix := "LINE " + strconv.Itoa(line) + ": "
	if cutLeft {
		prefix += "..."
	}
	b.WriteString(prefix)
	b.WriteString(strings.ReplaceAll(query[offs[first]:offs[end]], "\t", " "))
	if cutRight {
		b.WriteString("...")
	}
	b.WriteByte('\n')
	b.WriteString(strings.Repeat(" ", utf8.RuneCountInString(prefix)+cols[loc]-cols[first]))
	b.WriteString("^\n")
}

// screenWidth is a character's width on screen as libpq counts it.
func screenWidth(r rune) int {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

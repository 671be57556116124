package trace

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/migrate-runner/migrate-runner/trace/internal/sqllex"
)

// WriteText prints the trace as an SQL script: every statement as sent,
// ending with a semicolon, and everything else (script headers, catalog
// answers, failures, prints, logs) as -- comments, so that the output
// can be read, diffed, or fed to psql against a scratch database. path
// shortens the paths shown.
func WriteText(w io.Writer, rep *Report, path func(string) string) error {
	if path == nil {
		path = func(p string) string { return p }
	}
	b := &strings.Builder{}
	schemaNote := "none (an empty database: no tables)"
	if rep.Schema != "" {
		schemaNote = path(rep.Schema)
	}
	fmt.Fprintf(b, "-- migrate-runner trace: series %s, %d script(s), schema %s\n", orDash(rep.Series), rep.Planned, schemaNote)
	b.WriteString("-- No database: tables are empty; catalog queries are answered from the schema.\n")
	module := ""
	for i, sc := range rep.Scripts {
		if sc.Module != module {
			module = sc.Module
			fmt.Fprintf(b, "\n-- ==== %s %s → %s\n", sc.Module, orDash(sc.Installed), orDash(sc.Target))
		}
		host := sc.Host
		if sc.HostReason != "" {
			host += " (" + sc.HostReason + ")"
		}
		fmt.Fprintf(b, "\n-- [%d] %s %s %s · %s · %s\n", i+1, sc.Phase, sc.Version, sc.Script, sc.Source, host)
		fmt.Fprintf(b, "--     %s\n", path(sc.Path))
		for _, st := range sc.Statements {
			b.WriteString(statementText(st.SQL))
			b.WriteByte('\n')
			switch a := st.Answer; {
			case a == nil:
			case a.Unsupported != "":
				fmt.Fprintf(b, "--   ↳ catalog query not answered (%s): no rows\n", oneLine(a.Unsupported))
			case a.Catalog:
				fmt.Fprintf(b, "--   ↳ catalog: %d row(s) from the schema\n", a.Rows)
			default:
				fmt.Fprintf(b, "--   ↳ %d row(s)\n", a.Rows)
			}
		}
		if sc.Omitted > 0 {
			fmt.Fprintf(b, "-- … and %d more statement(s), not shown (--max-statements)\n", sc.Omitted)
		}
		if len(sc.Statements) == 0 && sc.Omitted == 0 {
			b.WriteString("-- (no SQL)\n")
		}
		for _, line := range splitLines(sc.Stdout) {
			fmt.Fprintf(b, "-- stdout: %s\n", line)
		}
		for _, l := range sc.Logs {
			for k, line := range splitLines(l[2]) {
				if k == 0 {
					fmt.Fprintf(b, "-- log %s %s: %s\n", l[0], l[1], line)
				} else {
					fmt.Fprintf(b, "--     %s\n", line)
				}
			}
		}
		switch sc.Status {
		case Failed:
			at := ""
			if sc.Line > 0 {
				at = fmt.Sprintf(" at line %d", sc.Line)
			}
			fmt.Fprintf(b, "-- FAILED%s: %s\n-- (the trace goes on with the next script)\n", at, oneLine(sc.Error))
		case Skipped:
			fmt.Fprintf(b, "-- SKIPPED: %s\n", sc.Error)
		}
	}
	skipped := 0
	for _, sc := range rep.Scripts {
		if sc.Status == Skipped {
			skipped++
		}
	}
	fmt.Fprintf(b, "\n-- %d script(s) traced: %d statement(s), %d failed, %d skipped.\n", len(rep.Scripts), rep.Statements, rep.Failed, skipped)
	if rep.Stopped != "" {
		fmt.Fprintf(b, "-- The trace stopped early, %d script(s) not traced: %s\n", rep.Planned-len(rep.Scripts), oneLine(rep.Stopped))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteJSON prints the report as indented JSON, paths shortened by path.
func WriteJSON(w io.Writer, rep *Report, path func(string) string) error {
	out := *rep
	if path != nil {
		out.Scripts = make([]Script, len(rep.Scripts))
		for i, sc := range rep.Scripts {
			sc.Path = path(sc.Path)
			out.Scripts[i] = sc
		}
		if out.Schema != "" {
			out.Schema = path(out.Schema)
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// statementText is the SQL as sent, trimmed, with the semicolon psql
// needs; after a trailing -- comment the semicolon goes on its own line.
func statementText(sql string) string {
	s := strings.TrimSpace(sql)
	if strings.HasSuffix(s, ";") {
		return s
	}
	toks, err := sqllex.Tokens(s)
	if err == nil && len(toks) > 0 && toks[len(toks)-1].End < len(s) {
		return s + "\n;"
	}
	return s + ";"
}

func splitLines(s string) []string {
	s = strings.TrimRight(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

func oneLine(s string) string { return strings.ReplaceAll(strings.TrimSpace(s), "\n", " ") }

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

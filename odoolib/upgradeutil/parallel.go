package upgradeutil

import (
	"regexp"
	"strings"

	"github.com/migrate-runner/migrate-runner/odoolib"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// Several helpers of this package end in upgrade-util's parallel
// machinery (explode_execute, parallel_execute), which package
// upgradeutil/parallel owns. They call it by name when it is registered;
// otherwise they run what upgrade-util runs for a table whose ids span at
// most 1.1 buckets (11,000 ids): the one query, on the script's cursor,
// with no commit.

var whereRe = regexp.MustCompile(`(?i)\sWHERE\s`)

// explodeExecute is explode_execute(cr, query, table=table, alias=alias).
func (o op) explodeExecute(query, table, alias string) error {
	if registered(prefix + "explode_execute") {
		kw := map[string]sqlexec.Value{"table": s(table)}
		if alias != "" {
			kw["alias"] = s(alias)
		}
		_, err := o.call("explode_execute", []sqlexec.Value{s(query)}, kw)
		return err
	}
	if alias == "" {
		alias = table
	}
	if !strings.Contains(query, "{parallel_filter}") {
		sep := " WHERE "
		if whereRe.MatchString(query) {
			sep = " AND "
		}
		query += sep + "{parallel_filter}"
	}
	// explode_query_range's single bucket: str.format with the filter.
	rendered, err := pyFormatField(query, "parallel_filter", alias+".id IS NOT NULL")
	if err != nil {
		return err
	}
	return o.exec(rendered)
}

// pyFormatField is query.format(name=value) for a template whose only
// field is {name}: "{{" and "}}" collapse, as str.format does.
func pyFormatField(template, name, value string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(template); i++ {
		c := template[i]
		switch {
		case c == '{' && i+1 < len(template) && template[i+1] == '{':
			b.WriteByte('{')
			i++
		case c == '}' && i+1 < len(template) && template[i+1] == '}':
			b.WriteByte('}')
			i++
		case c == '{':
			end := strings.IndexByte(template[i:], '}')
			if end < 0 {
				return "", valueError("expected '}' before end of string")
			}
			field := template[i+1 : i+end]
			if field != name {
				return "", odoolib.PyErr("KeyError", "%s", sqlexec.Repr(s(field)))
			}
			b.WriteString(value)
			i += end
		case c == '}':
			return "", valueError("Single '}' encountered in format string")
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}

// parallelExecute is parallel_execute(cr, queries): one query runs on the
// script's cursor (upstream does the same); more go to the registered
// parallel_execute, which commits, or else run in turn on the cursor.
func (o op) parallelExecute(queries []string) error {
	if len(queries) == 0 {
		return nil
	}
	if len(queries) > 1 && registered(prefix+"parallel_execute") {
		_, err := o.call("parallel_execute", []sqlexec.Value{list(strs(queries)...)}, nil)
		return err
	}
	for _, query := range queries {
		if err := o.exec(query); err != nil {
			return err
		}
	}
	return nil
}

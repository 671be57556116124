package refactor_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/migrate-runner/migrate-runner/internal/hosttest"
	"github.com/migrate-runner/migrate-runner/pyhost"
)

// TestMain lets the test binary serve as the embedded host's worker.
func TestMain(m *testing.M) { hosttest.Main(m) }

// schema is the shared Odoo fixture plus this package's rows.
func schema() []string {
	return []string{hosttest.OdooSchema(), filepath.Join("testdata", "refactor.sql")}
}

// check selects rows of a table in the final database state: cols (comma
// separated) of the rows matching where ("col=value;col2=value", "" for
// all), each row rendered "v1|v2", sorted. table "columns:<t>" gives the
// column list of t instead ("" when t does not exist).
type check struct {
	table, cols, where string
	want               []string
}

// tableState is one table of hosttest.State: its column list and rows.
type tableState struct {
	columns string
	rows    []map[string]any
}

// parseState reads hosttest.State's text back into tables.
func parseState(t *testing.T, state string) map[string]tableState {
	t.Helper()
	out := map[string]tableState{}
	lines := strings.Split(state, "\n")
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if line == "constraints:" {
			break
		}
		name, rest, ok := strings.Cut(line, " (")
		if !ok || strings.HasPrefix(line, " ") {
			continue
		}
		kind, cols, _ := strings.Cut(rest, "): ")
		ts := tableState{columns: cols}
		if kind == "r" {
			// json_agg breaks its array over lines that start with a space.
			var data strings.Builder
			for i+1 < len(lines) && strings.HasPrefix(lines[i+1], " ") {
				data.WriteString(lines[i+1] + "\n")
				i++
			}
			dec := json.NewDecoder(bytes.NewReader([]byte(data.String())))
			dec.UseNumber()
			if err := dec.Decode(&ts.rows); err != nil {
				t.Fatalf("state of %s: %v", name, err)
			}
		}
		out[name] = ts
	}
	return out
}

func render(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case string:
		return x
	case json.Number:
		return x.String()
	case bool:
		return fmt.Sprint(x)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func (c check) got(t *testing.T, tables map[string]tableState) []string {
	t.Helper()
	if name, ok := strings.CutPrefix(c.table, "columns:"); ok {
		return []string{tables[name].columns}
	}
	ts, ok := tables[c.table]
	if !ok {
		return []string{"<no table>"}
	}
	conds := map[string]string{}
	if c.where != "" {
		for _, w := range strings.Split(c.where, ";") {
			k, v, _ := strings.Cut(w, "=")
			conds[k] = v
		}
	}
	out := []string{}
rows:
	for _, row := range ts.rows {
		for k, v := range conds {
			if render(row[k]) != v {
				continue rows
			}
		}
		var vals []string
		for _, col := range strings.Split(c.cols, ",") {
			vals = append(vals, render(row[col]))
		}
		out = append(out, strings.Join(vals, "|"))
	}
	sort.Strings(out)
	return out
}

// runCase runs src through both hosts (hosttest.Parity) on a fresh
// database per host and checks the printed output and rows.
func runCase(t *testing.T, hosts map[string]*pyhost.External, major int, src, stdout string, checks []check) {
	t.Helper()
	r := hosttest.Parity(t, hosts, major, src, schema()...)
	if r.Outcome.Status != "ok" {
		t.Fatalf("script failed: %s\n%s%s", r.Outcome.Status, r.Outcome.Stdout, r.Outcome.Traceback)
	}
	if r.Outcome.Stdout != stdout {
		t.Errorf("printed:\n%s\nwant:\n%s", r.Outcome.Stdout, stdout)
	}
	tables := parseState(t, r.State)
	for _, c := range checks {
		want := c.want
		if want == nil {
			want = []string{}
		}
		got := c.got(t, tables)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s(%s) where %q:\n got %q\nwant %q", c.table, c.cols, c.where, got, want)
		}
	}
}

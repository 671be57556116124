package upgradeutil_test

import (
	"strings"
	"testing"

	"github.com/migrate-runner/migrate-runner/internal/hosttest"
	"github.com/migrate-runner/migrate-runner/pyhost"
)

// TestMain lets the test binary serve as the embedded host's worker.
func TestMain(m *testing.M) { hosttest.Main(m) }

const header = `from odoo.upgrade import util

def rows(cr, query):
    cr.execute(query)
    return cr.fetchall()

def migrate(cr, version):
    # The fixture stamps rows with now(): rows a script or a helper inserts
    # would differ between the two hosts' runs.
    for table in ("ir_model_data", "ir_ui_view", "ir_module_module"):
        cr.execute("ALTER TABLE %s ALTER create_date SET DEFAULT '2000-01-01', ALTER write_date SET DEFAULT '2000-01-01'" % table)
`

func indent(body string) string {
	var b strings.Builder
	for _, l := range strings.Split(strings.Trim(body, "\n"), "\n") {
		b.WriteString("    " + l + "\n")
	}
	return b.String()
}

// hostCase is one script run through both hosts on the fixture: what it
// must print (the helper's return values and the rows it left, read back
// in the same transaction) and what the database must hold afterwards
// (fragments of hosttest.State: relations with their columns, each
// table's rows, constraints, indexes).
type hostCase struct {
	name   string
	major  int // the target series; 0 means 17
	body   string
	want   string
	state  []string // must appear in the final state
	absent []string // must not
}

func runCases(t *testing.T, hosts map[string]*pyhost.External, cases []hostCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			major := c.major
			if major == 0 {
				major = 17
			}
			r := hosttest.Parity(t, hosts, major, header+indent(c.body), hosttest.OdooSchema())
			if r.Outcome.Status != "ok" {
				t.Fatalf("%s\n%s\nprinted:\n%s", r.Outcome.Status, r.Outcome.Traceback, r.Outcome.Stdout)
			}
			if r.Outcome.Stdout != c.want {
				t.Errorf("printed:\n%s\nwant:\n%s", r.Outcome.Stdout, c.want)
			}
			for _, f := range c.state {
				if !strings.Contains(r.State, f) {
					t.Errorf("the database lacks %q:\n%s", f, r.State)
				}
			}
			for _, f := range c.absent {
				if strings.Contains(r.State, f) {
					t.Errorf("the database still has %q", f)
				}
			}
		})
	}
}

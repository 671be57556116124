package odoolib_test

import (
	"strings"
	"testing"

	"github.com/migrate-runner/migrate-runner/internal/hosttest"
)

// TestMain lets the test binary serve as the embedded host's worker.
func TestMain(m *testing.M) { hosttest.Main(m) }

// The helpers reach scripts through both hosts, on the Odoo-shaped
// fixture, with the same result.
func TestToolsSQLThroughHosts(t *testing.T) {
	hosts := hosttest.Hosts(t)
	r := hosttest.Parity(t, hosts, 17, `
from odoo.tools import sql
import migrate_runner

def migrate(cr, version):
    print(sql.table_exists(cr, "sale_order"), sql.column_exists(cr, "sale_order", "note"))
    sql.rename_column(cr, "sale_order", "note", "terms")
    print(sql.escape_psql("50%_off"))
    print(issubclass(migrate_runner.OrmUnavailable, Exception))
`, hosttest.OdooSchema())
	if r.Outcome.Status != "ok" {
		t.Fatalf("%s\n%s", r.Outcome.Status, r.Outcome.Traceback)
	}
	if want := "True 1\n50\\%\\_off\nTrue\n"; r.Outcome.Stdout != want {
		t.Errorf("printed %q, want %q", r.Outcome.Stdout, want)
	}
	if !strings.Contains(r.State, "sale_order (r): id integer NOT NULL, name character varying NOT NULL, partner_id integer NOT NULL, state character varying, terms text") {
		t.Errorf("the column was not renamed:\n%s", r.State)
	}
}

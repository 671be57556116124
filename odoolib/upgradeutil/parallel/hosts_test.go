package parallel_test

import (
	"strings"
	"testing"

	"github.com/migrate-runner/migrate-runner/internal/hosttest"
)

// TestMain lets the test binary serve as the embedded host's worker.
func TestMain(m *testing.M) { hosttest.Main(m) }

// The query builders through both hosts, where no commit is involved:
// format_query, explode_query_range, and explode_execute and
// parallel_execute with at most one query (run on the script's cursor).
// With more, the call needs the runner's commit; without it (as here)
// it is refused before anything runs. The commit path through the hosts
// is tested in package runner.
func TestQueryBuildersThroughHosts(t *testing.T) {
	hosts := hosttest.Hosts(t)
	r := hosttest.Parity(t, hosts, 17, `
import logging

from odoo.upgrade import util
from psycopg2 import sql

_logger = logging.getLogger(__name__)

def migrate(cr, version):
    cr.execute("CREATE TABLE pe_t (id serial PRIMARY KEY, v int, s text)")
    cr.execute("INSERT INTO pe_t (v) SELECT g FROM generate_series(1, 25) g")
    print(util.format_query(cr, "SELECT {0} FROM {table}", "id", table="res_users"))
    print(util.format_query(cr, "SELECT {} FROM {} WHERE {}", sql.SQL("count(*)"), 'we"ird', sql.Identifier("t", "c")))
    for q in util.explode_query_range(cr, "UPDATE pe_t SET s = 'x%' WHERE v > 0", table="pe_t", bucket_size=10):
        print(q)
    print(util.explode_query_range(cr, "UPDATE pe_t p SET v = 0 WHERE {parallel_filter} AND p.v > 1", "pe_t", alias="p"))
    print(util.explode_query_range(cr, "DELETE FROM pe_t", "pe_t", 0 or None, 20))
    print(util.explode_execute(cr, "UPDATE pe_t SET s = 'all%'", table="pe_t", logger=_logger))
    print(util.parallel_execute(cr, []), util.parallel_execute(cr, None))
    print(util.parallel_execute(cr, ["UPDATE pe_t SET v = v + 100 WHERE id <= 3"], logger=None))
    try:
        util.explode_execute(cr, "UPDATE pe_t SET v = 1", "pe_t", bucket_size=10)
    except Exception as e:
        print(type(e).__name__, str(e).split(": ", 1)[1])
    try:
        util.format_query(cr, "SELECT {}", 1)
    except TypeError as e:
        print("TypeError", e)
    try:
        util.explode_query_range(cr, "SELECT 1", "pe_t", bucket_size=0)
    except ValueError as e:
        print("ValueError", e)
`)
	if r.Outcome.Status != "ok" {
		t.Fatalf("%s\n%s", r.Outcome.Status, r.Outcome.Traceback)
	}
	want := `SELECT "id" FROM "res_users"
SELECT count(*) FROM "we""ird" WHERE "t"."c"
UPDATE pe_t SET s = 'x%' WHERE v > 0 AND pe_t.id BETWEEN 1 AND 10
UPDATE pe_t SET s = 'x%' WHERE v > 0 AND pe_t.id BETWEEN 11 AND 20
UPDATE pe_t SET s = 'x%' WHERE v > 0 AND pe_t.id BETWEEN 21 AND 25
['UPDATE pe_t p SET v = 0 WHERE p.id IS NOT NULL AND p.v > 1']
['DELETE FROM pe_t WHERE pe_t.id BETWEEN 1 AND 20', 'DELETE FROM pe_t WHERE pe_t.id BETWEEN 21 AND 25']
25
None None
3
ProgrammingError explode_execute would commit the script's transaction (upgrade-util commits before running buckets in parallel); this cursor cannot commit mid-script
TypeError SQL identifier parts must be strings
ValueError explode_query_range(): bucket_size must be a positive integer, got 0
`
	if r.Outcome.Stdout != want {
		t.Errorf("printed:\n%s\nwant:\n%s", r.Outcome.Stdout, want)
	}
	// explode_execute's single query and parallel_execute's ran on cr.
	if !strings.Contains(r.State, `{"id":1,"v":101,"s":"all%"}`) || !strings.Contains(r.State, `{"id":25,"v":25,"s":"all%"}`) {
		t.Errorf("pe_t afterwards:\n%s", r.State)
	}
}

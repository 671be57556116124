package embedded

import (
	"encoding/json"
	"strings"
	"testing"
)

// fakeBackend answers every cursor call at once with a one-row UPDATE's
// result, so a benchmark measures the host's own cost: gpython, the
// argument encoding and the reply decoding, with no pipe and no database.
type fakeBackend struct{ calls int }

func (f *fakeBackend) Call(req any) (any, error) {
	f.calls++
	if r, ok := req.([]any); ok && len(r) > 1 {
		if q, _ := r[1].(string); strings.HasPrefix(q, "SELECT") {
			return []any{json.Number("1"), "SELECT 1", q, []any{[]any{"id", json.Number("23")}}, []any{[]any{json.Number("7")}}}, nil
		}
	}
	return []any{json.Number("1"), "UPDATE 1", "UPDATE t SET v = v + 1 WHERE id = 1", nil, nil}, nil
}

// BenchmarkCursorExecute100k is 100,000 cr.execute calls with a parameter
// tuple against the fake cursor.
func BenchmarkCursorExecute100k(b *testing.B) {
	src := []byte(`
def migrate(cr, version):
    for i in range(100000):
        cr.execute("UPDATE t SET v = v + 1 WHERE id = %s", (i % 100,))
`)
	f := &fakeBackend{}
	for b.Loop() {
		if r := RunMigrate("post-loop.py", "post-loop", src, "db", "17.0.1.0", f); r.Status != "ok" {
			b.Fatal(r.Traceback)
		}
	}
	if f.calls != 100000*b.N {
		b.Fatalf("%d calls", f.calls)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/100000, "ns/execute")
}

// typical50 is a typical 50-line migration script: imports, a logger, a
// helper, a class, string formatting, a few statements and a loop.
var typical50 = []byte(`# -*- coding: utf-8 -*-
import logging

import psycopg2
from odoo.upgrade import util

_logger = logging.getLogger(__name__)

STATES = ("draft", "sent", "sale")
BATCH = 500


class Skip(Exception):
    pass


def _chunks(ids, size):
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def _rename(cr, table, old, new):
    cr.execute("SELECT 1 FROM information_schema.columns WHERE table_name = %s AND column_name = %s", (table, old))
    if not cr.fetchone():
        raise Skip("no column %s.%s" % (table, old))
    cr.execute('ALTER TABLE "%s" RENAME COLUMN "%s" TO "%s"' % (table, old, new))


def migrate(cr, version):
    if not version:
        return
    _logger.info("migrating sale_custom from %s", version)
    try:
        _rename(cr, "sale_order", "x_note", "note_internal")
    except Skip as e:
        _logger.warning("skipped: %s", e)
    cr.execute("SELECT id FROM sale_order WHERE state IN %s", (STATES,))
    ids = [row[0] for row in cr.fetchall()]
    done = 0
    for chunk in _chunks(ids, BATCH):
        cr.execute("UPDATE sale_order SET note_internal = %s WHERE id IN %s", ("migrated", tuple(chunk)))
        done += cr.rowcount
    totals = {}
    for state in STATES:
        totals[state] = len(state)
    names = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
    _logger.info("updated %d orders, states %s", done, ", ".join(n for n, _ in names))
    cr.execute("UPDATE ir_module_module SET latest_version = %s WHERE name = %s", (version, "sale_custom"))
`)

// BenchmarkCompileRun50Lines is the host's overhead for one typical
// script: a fresh sandboxed context, compile, run and migrate(), against
// the fake cursor (target: under 1 ms).
func BenchmarkCompileRun50Lines(b *testing.B) {
	f := &fakeBackend{}
	for b.Loop() {
		if r := RunMigrate("post-typical.py", "post-typical", typical50, "db", "17.0.1.0", f); r.Status != "ok" {
			b.Fatal(r.Traceback)
		}
	}
}

// BenchmarkTrivialScript is the worker's cost for one script that does
// nothing: a fresh sandboxed context with the compatibility layer, the
// pre-pass, compile, run and migrate().
func BenchmarkTrivialScript(b *testing.B) {
	src := []byte("def migrate(cr, version):\n    pass\n")
	f := &fakeBackend{}
	for b.Loop() {
		if r := RunMigrate("post-trivial.py", "post-trivial", src, "db", "17.0.1.0", f); r.Status != "ok" {
			b.Fatal(r.Traceback)
		}
	}
}

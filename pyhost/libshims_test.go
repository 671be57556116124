package pyhost

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migrate-runner/migrate-runner/internal/testtree"
)

// bothHosts runs the script s through each host, each time on a fresh
// database, and checks that it succeeds and prints want; it returns the
// outcomes by host.
func bothHosts(t *testing.T, s Script, want string) map[string]*Outcome {
	t.Helper()
	outs := map[string]*Outcome{}
	for name, h := range shimHosts(t) {
		out, err := h.Run(context.Background(), txCursor(t), s)
		if err != nil || out.Status != "ok" || out.Stdout != want {
			t.Errorf("%s host: %v %+v", name, err, out)
		}
		outs[name] = out
	}
	return outs
}

// util.import_script loads another upgrade script from the run's upgrade
// directories, the first one holding the path, as a module named after
// the file (or name); a path no directory holds is an ImportError. Both
// hosts print the same.
func TestImportScript(t *testing.T) {
	base := t.TempDir()
	first, second := filepath.Join(base, "first"), filepath.Join(base, "second")
	util := "from odoo.upgrade import util\nLOADED_AS = __name__\n"
	testtree.Write(t, base, map[string]string{
		"first/mymod/16.0.1.0/pre-util.py":  util + "WHICH = 'first'\n\ndef answer(cr):\n    cr.execute('SELECT 41 + 1')\n    return cr.fetchone()[0]\n",
		"second/mymod/16.0.1.0/pre-util.py": util + "WHICH = 'second'\n",
		"second/other/1.0/x.py":             util + "WHICH = 'second'\n",
		"outside.py":                        "WHICH = 'outside'\n",
	})
	script := writeScript(t, "post-import.py", `from odoo.upgrade import util

def migrate(cr, version):
    s = util.import_script("mymod/16.0.1.0/pre-util.py")
    print(s.LOADED_AS, s.answer(cr), s.WHICH)
    x = util.import_script("other/1.0/x.py", name="shared-x")
    print(x.LOADED_AS, x.WHICH)
    try:
        util.import_script("nope/1.0/missing.py")
    except ImportError as e:
        print("ImportError", e)
`)
	bothHosts(t, Script{Path: script, UpgradePaths: []string{first, second}}, "pre-util 42 first\nshared-x second\nImportError nope/1.0/missing.py\n")

	// The embedded sandbox loads nothing outside the upgrade directories.
	if err := os.Symlink(filepath.Join(base, "outside.py"), filepath.Join(first, "link.py")); err != nil {
		t.Fatal(err)
	}
	h := startEmbedded(t)
	for _, path := range []string{"../outside.py", "link.py", filepath.Join(base, "outside.py")} {
		src := fmt.Sprintf("from odoo.upgrade import util\n\ndef migrate(cr, version):\n    util.import_script(%q)\n", path)
		out, err := h.Run(context.Background(), txCursor(t), Script{Path: writeScript(t, "post-escape.py", src), UpgradePaths: []string{first}})
		if err != nil || out.Status != "failed" || !strings.Contains(out.Traceback, "PermissionError: import_script(") {
			t.Errorf("%s: %v %+v", path, err, out)
		}
	}
}

// util.chunks cuts an iterable in pieces, formatted as upstream does, in
// both hosts.
func TestUtilChunks(t *testing.T) {
	script := writeScript(t, "post-chunks.py", `from odoo.upgrade import util

def migrate(cr, version):
    print([tuple(c) for c in util.chunks([1, 2, 3, 4, 5], 2)])
    print(list(util.chunks("abcde", 2)))
    print(list(util.chunks(range(5), 3, fmt=tuple)))
    print(list(util.chunks([], 3, fmt=tuple)))
    print(list(util.chunks((i for i in range(4)), 2, fmt=list)))
    for ids in util.chunks([3, 1, 2], 2, fmt=tuple):
        cr.execute("SELECT count(*) FROM (VALUES (1), (2), (3)) v(x) WHERE x IN %s", (ids,))
        print(ids, cr.fetchone()[0])
    try:
        list(util.chunks([1], 0))
    except ValueError as e:
        print("ValueError")
`)
	bothHosts(t, Script{Path: script}, "[(1, 2), (3, 4), (5,)]\n['ab', 'cd', 'e']\n[(0, 1, 2), (3, 4)]\n[]\n[[0, 1], [2, 3]]\n(3, 1) 2\n(2,) 1\nValueError\n")
}

// @openupgrade.logging() logs each call of the decorated function on the
// OpenUpgrade logger, in both hosts.
func TestOpenUpgradeLogging(t *testing.T) {
	script := writeScript(t, "post-ou-logging.py", `from openupgradelib import openupgrade

@openupgrade.logging()
def plain(cr):
    return 1

@openupgrade.logging(args_details=True)
def detailed(a, b):
    return a + b

@openupgrade.logging(step=2)
def stepped(i):
    return i

def migrate(cr, version):
    print(plain(cr), detailed(1, 2), plain.__name__, len.__name__)
    for i in range(5):
        stepped(i)
`)
	want := [][3]string{
		{"INFO", "OpenUpgrade", "Executing method plain"},
		{"INFO", "OpenUpgrade", "Executing method detailed ; args : (1, 2)"},
		{"INFO", "OpenUpgrade", "Executing method stepped ; Calls quantity : 1 ; Logging Step : 2"},
		{"INFO", "OpenUpgrade", "Executing method stepped ; Calls quantity : 2"},
		{"INFO", "OpenUpgrade", "Executing method stepped ; Calls quantity : 4"},
	}
	for name, out := range bothHosts(t, Script{Path: script}, "1 3 plain len\n") {
		if fmt.Sprint(out.Logs) != fmt.Sprint(want) {
			t.Errorf("%s host logged %v, want %v", name, out.Logs, want)
		}
	}
}

// psycopg2.errorcodes has psycopg2's constants and lookup in both hosts.
func TestErrorcodesShim(t *testing.T) {
	script := writeScript(t, "post-errorcodes.py", `import psycopg2
from psycopg2 import errorcodes
import psycopg2.errorcodes

def migrate(cr, version):
    print(errorcodes.UNIQUE_VIOLATION, errorcodes.CLASS_INTEGRITY_CONSTRAINT_VIOLATION, psycopg2.errorcodes.lookup("23505"), errorcodes.lookup("23"))
    print(errorcodes.STRING_DATA_RIGHT_TRUNCATION, errorcodes.STRING_DATA_RIGHT_TRUNCATION_, errorcodes.lookup("01004"))
    cr.execute("CREATE TEMP TABLE u (i int PRIMARY KEY)")
    try:
        with cr.savepoint():
            cr.execute("INSERT INTO u VALUES (1), (1)")
    except psycopg2.IntegrityError as e:
        print(e.pgcode == errorcodes.UNIQUE_VIOLATION)
    try:
        errorcodes.lookup("XXXXX")
    except KeyError:
        print("KeyError")
`)
	bothHosts(t, Script{Path: script}, "23505 23 UNIQUE_VIOLATION CLASS_INTEGRITY_CONSTRAINT_VIOLATION\n22001 01004 STRING_DATA_RIGHT_TRUNCATION\nTrue\nKeyError\n")
}

// openupgrade.allow_pgcodes swallows the listed error codes (or classes)
// after rolling back to its savepoint, with odoo.sql_db muted, and logs
// on OpenUpgrade, in both hosts.
func TestAllowPgcodes(t *testing.T) {
	script := writeScript(t, "post-allow.py", `import psycopg2
from psycopg2 import errorcodes
from openupgradelib import openupgrade

def migrate(cr, version):
    cr.execute("CREATE TABLE me (name text UNIQUE)")
    cr.execute("INSERT INTO me VALUES ('a')")
    with openupgrade.allow_pgcodes(cr, errorcodes.UNIQUE_VIOLATION):
        cr.execute("INSERT INTO me VALUES ('b')")
        cr.execute("INSERT INTO me VALUES ('a')")
    cr.execute("SELECT name FROM me ORDER BY 1")
    print(cr.fetchall())
    with openupgrade.allow_pgcodes(cr, "23"):
        cr.execute("INSERT INTO me VALUES ('a')")
    try:
        with openupgrade.allow_pgcodes(cr, "42P01"):
            cr.execute("INSERT INTO me VALUES ('a')")
    except psycopg2.IntegrityError as e:
        print("raised", e.pgcode)
    try:
        with openupgrade.allow_pgcodes(cr, "23505"):
            cr.execute("SELECT 1 / 0")
    except psycopg2.DataError as e:
        print("not caught", e.pgcode)
    with openupgrade.allow_pgcodes(cr):
        cr.execute("INSERT INTO me VALUES ('c')")
    cr.execute("SELECT count(*) FROM me")
    print(cr.fetchone())
`)
	msg := "Code: 23505. Class: CLASS_INTEGRITY_CONSTRAINT_VIOLATION. Error: UNIQUE_VIOLATION."
	want := fmt.Sprint([][3]string{{"INFO", "OpenUpgrade", msg}, {"INFO", "OpenUpgrade", msg}, {"ERROR", "OpenUpgrade", msg}})
	for name, out := range bothHosts(t, Script{Path: script}, "[('a',)]\nraised 23505\nnot caught 22012\n(2,)\n") {
		if got := fmt.Sprint(out.Logs); got != want {
			t.Errorf("%s host logged %s, want %s", name, got, want)
		}
	}
}

package pyhost

import (
	"context"
	"regexp"
	"strings"
	"testing"
)

// Odoo 18 checks migrate()'s signature before calling it, and both hosts
// do the same for an 18+ target, with Odoo's messages (a function's
// address aside); up to 17.0 nothing is checked.
func TestMigrateSignature18(t *testing.T) {
	const bad = "TypeError: module shop: `migrate`'s signature should be `(cr, version)`, <function migrate at 0x…> is "
	for _, c := range []struct {
		name, src string
		major     int
		want      string // the exception line, or the output when it runs
	}{
		{"cr, version", "def migrate(cr, version):\n    print('ran')\n", 18, "ran\n"},
		{"_cr, _version", "def migrate(_cr, _version):\n    print('ran')\n", 18, "ran\n"},
		{"defaults are not checked", "def migrate(cr, version=None):\n    print('ran')\n", 18, "ran\n"},
		{"extra parameter", "def migrate(cr, version, extra=1):\n    pass\n", 18, bad + "(cr, version, extra=1)"},
		{"*args", "def migrate(cr, *args):\n    pass\n", 18, bad + "(cr, *args)"},
		{"keyword-only", "def migrate(cr, version, *, key=None):\n    pass\n", 18, bad + "(cr, version, *, key=None)"},
		{"**kw", "def migrate(cr, **kw):\n    pass\n", 18, bad + "(cr, **kw)"},
		{"renamed", "def migrate(cursor, version):\n    pass\n", 18, bad + "(cursor, version)"},
		{"env without openupgradelib", "def migrate(env, version):\n    pass\n", 18, bad + "(env, version)"},
		{"openupgrade decorator", "from openupgradelib import openupgrade\n\n@openupgrade.migrate()\ndef migrate(env, version):\n    print('ran', version)\n", 18, "ran 17.0.1.0\n"},
		{"env with openupgradelib imported", "import openupgradelib.openupgrade\n\ndef migrate(env, version):\n    print('ran')\n", 18, "ran\n"},
		{"not a function", "migrate = 1\n", 18, "TypeError: module shop: `migrate` needs to be a function, got 1"},
		{"17.0 checks nothing", "def migrate(cr, version, extra=1):\n    print('ran', extra)\n", 17, "ran 1\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := writeScript(t, "post-sig.py", c.src)
			for name, h := range shimHosts(t) {
				out, err := h.Run(context.Background(), txCursor(t), Script{Path: path, Module: "shop", Major: c.major, Version: "17.0.1.0"})
				if err != nil {
					t.Fatal(err)
				}
				got := out.Stdout
				if out.Status != "ok" {
					lines := strings.Split(strings.TrimSpace(out.Traceback), "\n")
					got = regexp.MustCompile(`at 0x[0-9a-f]+>`).ReplaceAllString(lines[len(lines)-1], "at 0x…>")
				}
				if got != c.want {
					t.Errorf("%s host: %s\n%q\nwant %q", name, out.Status, got, c.want)
				}
			}
		})
	}
}

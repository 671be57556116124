package pyhost

import (
	"context"
	"strings"
	"testing"
)

// Both hosts print the same traceback: frames outermost first, a call
// spanning lines at its first line, the source line of each frame, and
// the exception with psycopg2's LINE and caret lines.
func TestTracebackParity(t *testing.T) {
	for _, c := range []struct{ name, src, wantFrame string }{
		{"nested functions", "def helper(cr):\n    inner(cr)\n\ndef inner(cr):\n    raise ValueError('boom')\n\ndef migrate(cr, version):\n    helper(cr)\n",
			"line 8, in migrate\n    helper(cr)\n  File"},
		{"multi-line call", "def migrate(cr, version):\n    ids = (1, 2)\n    cr.execute(\n        'SELECT nope WHERE 1 IN %s',\n        (ids,),\n    )\n",
			"line 3, in migrate\n    cr.execute(\n"},
		{"multi-line call in a helper", "def run(cr, query,\n        params):\n    cr.execute(query,\n               params)\n\ndef migrate(cr, version):\n    run(cr,\n        'SELECT %s / 0',\n        (1,))\n",
			"line 7, in migrate\n    run(cr,\n  File"},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := writeScript(t, "post-tb.py", c.src)
			tbs := map[string]string{}
			for name, h := range shimHosts(t) {
				out, err := h.Run(context.Background(), txCursor(t), Script{Path: path})
				if err != nil || out.Status != "failed" {
					t.Fatalf("%s host: %v %+v", name, err, out)
				}
				if !strings.Contains(out.Traceback, c.wantFrame) {
					t.Errorf("%s host: no %q in\n%s", name, c.wantFrame, out.Traceback)
				}
				tbs[name] = out.Traceback
			}
			if ext, ok := tbs["external"]; ok && ext != tbs["embedded"] {
				t.Errorf("the hosts' tracebacks differ:\nembedded:\n%s\nexternal:\n%s", tbs["embedded"], ext)
			}
		})
	}
}

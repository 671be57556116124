package embedded

import (
	"strings"
	"testing"
)

// Dict displays are ordered pystdlib dicts: they must reach the wire,
// %-formatting, ** calls, logging and Json as gpython dicts do, in
// insertion order.
func TestDictDisplaysCrossTheBoundaries(t *testing.T) {
	installSQLShims()
	src := `import logging
from psycopg2.extras import Json
_logger = logging.getLogger("m")

def migrate(cr, version):
    d = {"b": 2, "a": 1}
    print("%(a)s %(b)s" % d, "{a}-{b}".format(**d), isinstance(d, dict), type(d).__name__)
    _logger.info("a=%(a)s b=%(b)s", d)
    cr.execute("SELECT %(a)s, %(b)s", d)
    cr.execute("SELECT %s", (Json({"z": [1, {2: None}], "y": (1.5, True)}),))
    print(cr.mogrify("SELECT %(a)s", {k: v for k, v in sorted(d.items())}))
    try:
        cr.execute("SELECT %(a)s", {1: "x"})
    except TypeError as e:
        print("TypeError", e)
`
	rec := &recorder{t: t}
	r := RunMigrate("post-dicts.py", "post-dicts", []byte(src), "db", "", rec)
	if r.Status != "ok" {
		t.Fatalf("%s\n%s", r.Status, r.Traceback)
	}
	wantOut := "1 2 1-2 True dict\nb'mogrified'\nTypeError dict keys of query parameters must be str, not int\n"
	if r.Stdout != wantOut {
		t.Errorf("stdout:\n%s\nwant:\n%s", r.Stdout, wantOut)
	}
	if len(r.Logs) != 1 || r.Logs[0][2] != "a=1 b=2" {
		t.Errorf("logs: %q", r.Logs)
	}
	var frames []string
	for _, req := range rec.reqs {
		frames = append(frames, string(req))
	}
	all := strings.Join(frames, "\n")
	for _, want := range []string{
		`"$d":[["b",2],["a",1]]`,                          // insertion order, not sorted
		`{\"z\": [1, {\"2\": null}], \"y\": [1.5, true]}`, // Json: int key as json.dumps writes it
		`"$d":[["a",1],["b",2]]`,                          // the comprehension, in its (sorted) order
	} {
		if !strings.Contains(all, want) {
			t.Errorf("no frame holds %s:\n%s", want, all)
		}
	}
}

package embedded

import (
	"bufio"
	"encoding/json"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/go-python/gpython/py"

	"github.com/migrate-runner/migrate-runner/odoolib"
	"github.com/migrate-runner/migrate-runner/pyhost/internal/frame"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

var installSQLShimsOnce sync.Once

// installSQLShims merges registerSQLShims into the registered modules and
// the import whitelist, as registerModules does once it calls it. Doing it
// twice is harmless.
func installSQLShims() {
	registerModules()
	installSQLShimsOnce.Do(func() {
		for name, globals := range registerSQLShims() {
			if impl := py.GetModuleImpl(name); impl != nil {
				for k, v := range globals {
					impl.Globals[k] = v
				}
			} else {
				py.RegisterModule(&py.ModuleImpl{Info: py.ModuleInfo{Name: name}, Globals: globals})
			}
			allowed[name] = true
		}
	})
}

// cannedReplies answer the cursor's calls in the frame tests, by op ("x"
// for the fast execute), as the parent would shape them.
var cannedReplies = map[string]string{
	"x":              `[1, "SELECT 1", "q", [["a", 23]], [[1]]]`,
	"execute":        `{"rowcount": 1, "status": "SELECT 1", "query": "q", "columns": [["a", 23]], "rows": [[{"$t": [1, "x"]}]]}`,
	"executemany":    `{"rowcount": 2, "status": "INSERT 0 1", "query": "q", "columns": null}`,
	"execute_values": `{"rowcount": 2, "status": "INSERT 0 2", "query": "q", "columns": null, "fetched": [[7], [8]]}`,
	"mogrify":        `{"sql": "mogrified"}`,
	"helper":         `{"rowcount": 1, "status": "SELECT 1", "query": "q", "columns": [["relkind", 18]], "rows": [["r"]], "v": "r"}`,
}

func canned(t testing.TB, req []byte) []byte {
	op := "x"
	if req[0] == '{' {
		var m struct{ Op string }
		if err := json.Unmarshal(req, &m); err != nil {
			t.Fatal(err)
		}
		op = m.Op
	}
	reply, ok := cannedReplies[op]
	if !ok {
		t.Fatalf("no canned reply for %s", req)
	}
	return []byte(reply)
}

// recorder is a Backend that keeps every request, as JSON, and answers
// with the canned replies.
type recorder struct {
	t     testing.TB
	major int
	reqs  [][]byte
}

func (r *recorder) Call(req any) (any, error) {
	body, err := json.Marshal(req)
	if err != nil {
		return nil, err
	}
	r.reqs = append(r.reqs, body)
	return decodeAny(canned(r.t, body))
}

func (r *recorder) Major() int { return r.major }

// frameScript makes, through the shims, every kind of cursor call that
// carries a shim object, with nothing the harness would compute in the
// parent (no SQL.format, no odoo.tools.SQL(), no pure helper such as
// escape_psql): its frames can be set side by side with harness.py's
// without a parent.
const frameScript = `
from psycopg2 import sql
from psycopg2.extras import execute_values, Json
from psycopg2.extensions import AsIs
from odoo.tools.sql import column_exists, create_column, table_kind, existing_tables

def migrate(cr, version):
    q = (sql.SQL("SELECT ") + sql.Identifier("s", "t") + sql.SQL(" WHERE a = ") + sql.Literal("it's")
         + sql.SQL(" AND b IN ") + sql.Literal((1, 2.0, None, True, -3)) + sql.SQL(" AND c = ") + sql.Placeholder("c")
         + sql.SQL(", ").join([sql.Placeholder(), sql.Literal([1, 2.5]), sql.Composed([sql.SQL("x")])]))
    cr.execute(q, {"c": 1.5})
    print(cr.rowcount, cr.fetchone()[0][1])
    cr.execute("SELECT %s, %s, %s", (Json({"a": [1, "\u00e9"]}), AsIs("now()"), 2 ** 70))
    print(cr.fetchone()[0])
    cr.execute(sql.Literal(Json([None, False])) + sql.SQL(" ") + sql.Literal(AsIs(3)))
    cr.executemany(q, [{"c": 1}, {"c": 2}])
    print(cr.rowcount, cr.description)
    print(cr.mogrify(q, {"c": 1}))
    print(cr.mogrify("SELECT 1"))
    rows = execute_values(cr, sql.SQL("INSERT INTO t VALUES %s"), [(1, "a"), (2, None)], template=sql.SQL("(%s, %s)"), page_size=10, fetch=True)
    print(rows[1][0], cr.rowcount)
    print(cr.execute_values("INSERT INTO t VALUES %s", [[1]]))
    print(column_exists(cr, "t", "c"), cr.fetchall()[0][0])
    create_column(cr, "t", "c", "int", comment="x")
    print(table_kind(cr, "t").name, existing_tables(cr, {"t"}))
`

// TestFramesMatchHarness runs frameScript in the embedded host and in
// CPython's harness.py, answering both with the same canned replies, and
// requires the same frames from both: the parent serves the two hosts
// with one code path.
func TestFramesMatchHarness(t *testing.T) {
	installSQLShims()
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "post-frames.py")
	if err := os.WriteFile(path, []byte(frameScript), 0o600); err != nil {
		t.Fatal(err)
	}
	rec := &recorder{t: t, major: 17}
	r := RunMigrate(path, "post-frames", []byte(frameScript), "db", "", rec)
	if r.Status != "ok" {
		t.Fatalf("embedded: %s\n%s", r.Status, r.Traceback)
	}
	hFrames, hStdout := runHarness(t, python, path)
	if r.Stdout != hStdout {
		t.Errorf("stdout:\nembedded:\n%s\nharness:\n%s", r.Stdout, hStdout)
	}
	if len(rec.reqs) != len(hFrames) {
		t.Errorf("embedded sent %d frames, the harness %d", len(rec.reqs), len(hFrames))
	}
	for i := 0; i < min(len(rec.reqs), len(hFrames)); i++ {
		if !sameJSON(t, rec.reqs[i], hFrames[i]) {
			t.Errorf("frame %d:\nembedded: %s\nharness:  %s", i, rec.reqs[i], hFrames[i])
		}
	}
}

// runHarness runs one script in harness.py and returns the frames it sent
// (but the final "done") and its stdout.
func runHarness(t *testing.T, python, path string) ([][]byte, string) {
	t.Helper()
	reqR, reqW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	callR, callW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(python, "-I", "-B", "-u", filepath.Join("..", "harness.py"))
	cmd.ExtraFiles = []*os.File{reqR, callW}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	reqR.Close()
	callW.Close()
	defer func() {
		reqW.Close()
		_ = cmd.Wait()
	}()
	in := bufio.NewReader(callR)
	send := func(v any) {
		body, err := json.Marshal(v)
		if err == nil {
			err = frame.Write(reqW, body)
		}
		if err != nil {
			t.Fatalf("to the harness: %v; stderr: %s", err, stderr.String())
		}
	}
	recv := func() []byte {
		body, err := frame.Read(in)
		if err != nil {
			t.Fatalf("from the harness: %v; stderr: %s", err, stderr.String())
		}
		return body
	}
	init := odoolib.HostInit()
	init["op"], init["errors"] = "init", sqlexec.ErrorClasses()
	send(init)
	recv() // ready
	send(map[string]any{"op": "run", "path": path, "name": "post-frames", "version": "", "dbname": "db", "major": 17})
	var frames [][]byte
	for {
		body := recv()
		if strings.HasPrefix(string(body), `{"op":"done"`) || strings.HasPrefix(string(body), `{"op": "done"`) {
			var done struct{ Status, Traceback, Stdout string }
			if err := json.Unmarshal(body, &done); err != nil {
				t.Fatal(err)
			}
			if done.Status != "ok" {
				t.Fatalf("harness: %s\n%s", done.Status, done.Traceback)
			}
			send(map[string]any{"op": "quit"})
			return frames, done.Stdout
		}
		frames = append(frames, body)
		if err := frame.Write(reqW, canned(t, body)); err != nil {
			t.Fatal(err)
		}
	}
}

// sameJSON compares two JSON texts as the parent reads them.
func sameJSON(t *testing.T, a, b []byte) bool {
	t.Helper()
	da, err := decodeAny(a)
	if err != nil {
		t.Fatal(err)
	}
	db, err := decodeAny(b)
	if err != nil {
		t.Fatal(err)
	}
	return reflect.DeepEqual(da, db)
}

// runShim runs a migrate() body with the shims and a recorder, and
// returns its stdout; it fails the test when the script fails.
func runShim(t *testing.T, major int, body string) (string, *recorder) {
	t.Helper()
	installSQLShims()
	src := "import psycopg2\nfrom psycopg2 import sql\nfrom odoo.tools import SQL\nfrom odoo.tools import sql as tools_sql\n" +
		"def migrate(cr, version):\n    " + strings.ReplaceAll(strings.TrimSpace(body), "\n", "\n    ") + "\n"
	rec := &recorder{t: t, major: major}
	r := RunMigrate("post-shim.py", "post-shim", []byte(src), "db", "", rec)
	if r.Status != "ok" {
		t.Fatalf("%s\n%s", r.Status, r.Traceback)
	}
	return r.Stdout, rec
}

// The Python-side rules of the shims, without a database: each body
// prints what CPython's harness prints for it (the parity tests in package
// pyhost run the same kinds of scripts through both hosts).
func TestSQLShimBehaviour(t *testing.T) {
	for _, c := range []struct {
		name, body, want string
		major            int
	}{
		{"repr", `
print(repr(sql.SQL("a") + sql.Identifier("b", 'c"d') + sql.Literal("it's") + sql.Placeholder() + sql.Placeholder("n")))
print(repr(sql.Literal((1,))), repr(sql.Literal({"k": [1.0, None]})), repr(SQL("x = %s AND y = %s", (1,), 2.5)))`,
			`Composed([SQL('a'), Identifier('b', 'c"d'), Literal("it's"), Placeholder(), Placeholder('n')])
Literal((1,)) Literal({'k': [1.0, None]}) SQL('x = %s AND y = %s', (1,), 2.5)
`, 0},
		{"format", `
q = sql.SQL("SELECT {0}, {0} FROM {t} WHERE {{x}}").format(sql.Identifier("a"), t=sql.Identifier("t"))
print(q.as_string(None))
print(sql.SQL("{}").format(sql.Literal(None)).seq[0].wrapped)`,
			"SELECT \"a\", \"a\" FROM \"t\" WHERE {x}\nNone\n", 0},
		{"odoo SQL kwargs and nesting", `
s = SQL("%(a)s = %(b)s", a=SQL.identifier("x"), b=SQL("lower(%s)", "V"))
print(s.code, s.params[0])
print(SQL("%s", s).code, SQL(s).params, s == SQL("\"x\" = lower(%s)", "V"))`,
			"\"x\" = lower(%s) V\n\"x\" = lower(%s) ['V'] True\n", 0},
		{"table_kind from 17.0", `
k = tools_sql.table_kind(cr, "t")
print(k is tools_sql.TableKind.Regular, str(k), cr.rowcount, cr.fetchone()[0])`,
			"True TableKind.Regular 1 r\n", 17},
		{"table_kind up to 16.0", `print(tools_sql.table_kind(cr, "t"))`, "r\n", 16},
		{"pure helpers need no cursor", `print(tools_sql.escape_psql("5%"), tools_sql.pg_varchar(size=3))`, "5\\% VARCHAR(3)\n", 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got, _ := runShim(t, c.major, c.body); got != c.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, c.want)
			}
		})
	}
}

// Errors raised by the shims carry the harness's exception classes.
func TestSQLShimErrors(t *testing.T) {
	for _, c := range []struct{ expr, exc string }{
		{`sql.SQL(1)`, "TypeError"},
		{`sql.SQL()`, "TypeError"},
		{`sql.SQL("a", "b")`, "TypeError"},
		{`sql.Literal()`, "TypeError"},
		{`sql.Placeholder(nam="x")`, "TypeError"},
		{`sql.Identifier("a", b="c")`, "TypeError"},
		{`sql.SQL("{k}").format(sql.SQL("a"))`, "KeyError"},
		{`sql.SQL("{1}").format(sql.SQL("a"))`, "IndexError"},
		{`sql.SQL("}").format()`, "ValueError"},
		{`sql.SQL("a").as_string()`, "TypeError"},
		{`iter(sql.SQL("a"))`, "TypeError"},
		{`sql.SQL("a") * "b"`, "TypeError"},
		{`SQL("a", code="b")`, "TypeError"},
		{`SQL("%d", 1)`, "TypeError"},
		{`SQL("%(a)s %s", 1, a=2)`, "TypeError"},
		{`SQL("%(a)s", b=1)`, "KeyError"},
		{`SQL.identifier(1)`, "AssertionError"},
		{`SQL.identifier("a", "b c")`, "AssertionError"},
		{`tools_sql.TableKind("z")`, "ValueError"},
		{`tools_sql.table_exists("not a cursor", "t")`, "TypeError"},
		{`tools_sql.pg_varchar(1, 2)`, "TypeError"},
		{`tools_sql.nope`, "AttributeError"},
	} {
		t.Run(c.expr, func(t *testing.T) {
			body := "try:\n    " + c.expr + "\nexcept " + c.exc + ":\n    print('ok')\nelse:\n    print('no error')"
			if got, _ := runShim(t, 17, body); got != "ok\n" {
				t.Errorf("%s: %q, want %s", c.expr, got, c.exc)
			}
		})
	}
}

// A Go nil (what gpython's tuple `+` leaves) never reaches sqlexec or
// the wire: every entry point refuses it with a SystemError.
func TestSQLShimsRefuseGoNil(t *testing.T) {
	installSQLShims()
	bad := py.Tuple{nil}
	calls := map[string]func() (py.Object, error){
		"SQL":         func() (py.Object, error) { return sqlType.M__call__(bad, nil) },
		"Identifier":  func() (py.Object, error) { return identifierType.M__call__(bad, nil) },
		"Literal":     func() (py.Object, error) { return literalType.M__call__(bad, nil) },
		"Composed":    func() (py.Object, error) { return composedType.M__call__(py.Tuple{py.Tuple{nil}}, nil) },
		"format":      func() (py.Object, error) { return (&composable{kind: sqlexec.CompSQL, text: "{}"}).format(bad, nil) },
		"odoo SQL":    func() (py.Object, error) { return odooSQLType.M__call__(py.Tuple{py.String("%s"), nil}, nil) },
		"Json":        func() (py.Object, error) { return jsonType.M__call__(bad, nil) },
		"AsIs":        func() (py.Object, error) { return asIsType.M__call__(bad, nil) },
		"escape_psql": func() (py.Object, error) { return helper("odoo.tools.sql.escape_psql").M__call__(bad, nil) },
		"literal value": func() (py.Object, error) {
			return (&composable{kind: sqlexec.CompLiteral, wrapped: py.Tuple{nil}}).asString()
		},
	}
	for name, call := range calls {
		_, err := call()
		if !py.IsException(py.SystemError, err) {
			t.Errorf("%s: %v, want a SystemError", name, err)
		}
	}
}

// jsonDumps is json.dumps with CPython's defaults.
func TestJSONDumpsMatchesCPython(t *testing.T) {
	values := []py.Object{
		py.None, py.True, py.Int(-3), py.Float(2), py.Float(0.1), py.Float(1e16), py.Float(-1.5e-7),
		py.String("plain"), py.String("q\"b\\s/\n\r\t\b\f\x01\x7f é € 😀"),
		py.Tuple{py.Int(1), py.NewListFromItems([]py.Object{py.String("x")})}, py.Tuple{},
		py.StringDict{"b": py.Int(1), "a": py.StringDict{}}, (*py.BigInt)(mustBig("123456789012345678901234567890")),
	}
	want := []string{`null`, `true`, `-3`, `2.0`, `0.1`, `1e+16`, `-1.5e-07`, `"plain"`,
		`"q\"b\\s/\n\r\t\b\f\u0001\u007f \u00e9 \u20ac \ud83d\ude00"`, `[1, ["x"]]`, `[]`, `{"a": {}, "b": 1}`,
		`123456789012345678901234567890`}
	for i, v := range values {
		got, err := jsonDumps(v)
		if err != nil || got != want[i] {
			t.Errorf("dumps(%s) = %s, %v; want %s", describe(v), got, err, want[i])
		}
	}
	if python, err := exec.LookPath("python3"); err == nil {
		// The wanted texts are CPython's own.
		script := "import json\nfor w in " + pyStrList(want) + ":\n    assert json.dumps(json.loads(w)) == w, w\n"
		if out, err := exec.Command(python, "-c", script).CombinedOutput(); err != nil {
			t.Errorf("CPython disagrees: %v\n%s", err, out)
		}
	}
	if _, err := jsonDumps(py.NewSet()); !py.IsException(py.TypeError, err) {
		t.Errorf("a set: %v", err)
	}
}

func pyStrList(items []string) string {
	quoted := make([]string, len(items))
	for i, s := range items {
		quoted[i] = "r'''" + s + "'''"
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}

func mustBig(s string) *big.Int {
	b, ok := new(big.Int).SetString(s, 10)
	if !ok {
		panic(s)
	}
	return b
}

// FuzzSQLFormat: SQL.format on any template never panics, and agrees
// with sqlexec.FormatComposable, which the parent runs for the harness.
func FuzzSQLFormat(f *testing.F) {
	for _, s := range []string{"SELECT {} FROM {t}", "{0}{1}", "{{}}", "{", "}", "{!r}", "{:x}", "{a[0]}", "{0}{}", "%s {}"} {
		f.Add(s)
	}
	args := py.Tuple{&composable{kind: sqlexec.CompIdentifier, strings: []string{"a"}}, &composable{kind: sqlexec.CompLiteral, wrapped: py.Int(1)}}
	kwargs := py.StringDict{"t": &composable{kind: sqlexec.CompSQL, text: "T"}}
	sargs := []sqlexec.Value{sqlexec.ComposableValue(sqlexec.Composable{Kind: sqlexec.CompIdentifier, Strings: []string{"a"}}),
		sqlexec.ComposableValue(sqlexec.Composable{Kind: sqlexec.CompLiteral, Literal: sqlexec.IntValue(1)})}
	skw := sqlexec.Value{Kind: sqlexec.Dict, Keys: []string{"t"}, Items: []sqlexec.Value{sqlexec.ComposableValue(sqlexec.Composable{Kind: sqlexec.CompSQL, Text: "T"})}}
	f.Fuzz(func(t *testing.T, template string) {
		got, err := (&composable{kind: sqlexec.CompSQL, text: template}).format(args, kwargs)
		want, wantErr := sqlexec.FormatComposable(template, sargs, &skw)
		if (err != nil) != (wantErr != nil) {
			t.Fatalf("%q: shim error %v, sqlexec error %v", template, err, wantErr)
		}
		if err != nil {
			return
		}
		text, err := got.(*composable).asString()
		wantText, wantErr := want.AsString()
		if err != nil || wantErr != nil || string(text.(py.String)) != wantText {
			t.Fatalf("%q: shim %v (%v), sqlexec %q (%v)", template, text, err, wantText, wantErr)
		}
	})
}

// The shim classes are real subclasses, for an MRO-aware isinstance.
func TestSQLShimClassHierarchy(t *testing.T) {
	for _, sub := range compTypes {
		if !sub.IsSubtype(composableType) || sub.ObjectType != py.TypeType {
			t.Errorf("%s: not a Composable subclass with metatype type", sub.Name)
		}
	}
	if sqlType.IsSubtype(identifierType) {
		t.Error("SQL is an Identifier")
	}
}

// BenchmarkSQLShimCompose measures composing in the worker: one
// psycopg2.sql format + as_string and one odoo.tools.SQL with an
// identifier per iteration of the script's loop, with no round trip.
func BenchmarkSQLShimCompose(b *testing.B) {
	installSQLShims()
	src := []byte(`
from psycopg2 import sql
from odoo.tools import SQL
def migrate(cr, version):
    for i in range(1000):
        sql.SQL("UPDATE {} SET {} = {} WHERE id = {}").format(sql.Identifier("t"), sql.Identifier("x"), sql.Literal(i), sql.Placeholder()).as_string(cr)
        SQL("UPDATE %s SET x = %s WHERE id = %s", SQL.identifier("t"), i, i)
`)
	rec := &recorder{t: b}
	for b.Loop() {
		if r := RunMigrate("post-compose.py", "post-compose", src, "db", "", rec); r.Status != "ok" {
			b.Fatal(r.Traceback)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "µs/iteration")
}

package sqlexec

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/migrate-runner/migrate-runner/internal/pgtest"
)

// pgErrorCases fail on the server in every way libpq's message shows:
// a position in the statement (on its first or a later line, after \r\n
// or \r, with tabs, wide and combining characters, on lines long enough
// to be cut on the right, the left or both, at the end of the input, in
// the second statement of a string), a position in a PL/pgSQL function's
// internal query (QUERY and CONTEXT), DETAIL, HINT, and no position.
var pgErrorCases = []string{
	"SELECT nope FROM pg_class",
	"SELEC 1",
	"SELECT 1 +",
	"SELECT 1,\n  nope\nFROM pg_class",
	"SELECT 1,\r\n  nope\r\nFROM pg_class",
	"SELECT 1,\r  nope\rFROM pg_class",
	"SELECT 1,\n\n\n\tnope\n",
	"SELECT\tnope,\t1",
	"SELECT '日本語の文字列は画面で二桁を使います、日本語の文字列は画面で二桁を使います', nope",
	"SELECT 'e\u0301te\u0301', nope",
	"SELECT nope, 'a rather long string literal that goes on and on and on well past sixty columns' AS x",
	"SELECT 'a rather long string literal that goes on and on and on well past sixty columns' AS x, nope",
	"SELECT 'a rather long string literal that goes on and on', nope, 'and on and on well past sixty columns and more'",
	"SELECT 'short', 'a rather long string literal that goes on and on and on well past sixty columns', nope, 'x'",
	"SELECT 1; SELECT nope FROM pg_class",
	"SELECT 1 / 0",
	"CREATE TEMP TABLE u (i int PRIMARY KEY); INSERT INTO u VALUES (1), (1)",
	"DO $$ BEGIN PERFORM nope FROM pg_class; END $$",
	"DO $$\nBEGIN\n  RAISE EXCEPTION 'custom %', 42 USING DETAIL = 'the detail', HINT = 'the hint';\nEND\n$$",
	"SELECT * FROM nope_table",
	"SELECT length(1)",
	"SELECT '2024-13-01'::date",
}

// PgErrorText gives, byte for byte, the pgerror psycopg2 (libpq) gives
// for the same failing statements.
func TestPgErrorTextMatchesPsycopg2(t *testing.T) {
	var want []*string
	psycopg2Oracle(t, `
cases = json.load(sys.stdin)
out = []
cur = conn.cursor()
for q in cases:
    try:
        cur.execute(q)
        out.append(None)
    except psycopg2.Error as e:
        out.append(e.pgerror)
    conn.rollback()
print(json.dumps(out))
`, pgErrorCases, &want)
	ctx := context.Background()
	cr := NewCursor(pgtest.Conn(t).PgConn())
	for i, q := range pgErrorCases {
		if err := cr.Begin(ctx); err != nil {
			t.Fatal(err)
		}
		err := cr.Execute(ctx, q, nil)
		var dbe *DBError
		switch {
		case want[i] == nil:
			t.Errorf("%q: psycopg2 raised nothing", q)
		case !errors.As(err, &dbe):
			t.Errorf("%q: %v, want a database error", q, err)
		case dbe.PgError != *want[i]:
			t.Errorf("%q:\ngot  %q\nwant %q", q, dbe.PgError, *want[i])
		}
		if err := cr.Rollback(ctx); err != nil {
			t.Fatal(err)
		}
	}
}

// The caret lines on their own, for what the server cannot be made to
// point at: positions past the end and before the start.
func TestErrorPosition(t *testing.T) {
	for _, c := range []struct {
		query string
		loc   int
		want  string
	}{
		{"SELECT x", 8, "LINE 1: SELECT x\n               ^\n"},
		{"SELECT x", 9, "LINE 1: SELECT x\n                ^\n"},
		{"SELECT x", 10, ""},
		{"SELECT x", 0, ""},
		{"", 1, "LINE 1: \n        ^\n"},
		{"a\n\nb", 4, "LINE 3: b\n        ^\n"},
		{"a\r\nb", 4, "LINE 2: b\n        ^\n"},
	} {
		var b strings.Builder
		errorPosition(&b, c.query, c.loc)
		if b.String() != c.want {
			t.Errorf("%q at %d:\ngot  %q\nwant %q", c.query, c.loc, b.String(), c.want)
		}
	}
}

// FuzzErrorPosition: any query and position give either nothing or a
// LINE line and a caret line, never a panic.
func FuzzErrorPosition(f *testing.F) {
	for _, q := range pgErrorCases {
		f.Add(q, 9)
	}
	f.Add("日本\t\r\n\r語", 5)
	f.Fuzz(func(t *testing.T, query string, loc int) {
		var b strings.Builder
		errorPosition(&b, query, loc)
		out := b.String()
		if out == "" {
			return
		}
		lines := strings.Split(out, "\n")
		if len(lines) != 3 || !strings.HasPrefix(lines[0], "LINE ") || !strings.HasSuffix(lines[1], "^") || lines[2] != "" {
			t.Fatalf("%q at %d: %q", query, loc, out)
		}
	})
}

// A position in an internal query with no query text is said in words,
// as libpq does.
func TestPgErrorTextInternalPositionWithoutQuery(t *testing.T) {
	pe := &pgconn.PgError{Severity: "ERROR", Message: "boom", InternalPosition: 7}
	if got := PgErrorText(pe, "SELECT 1"); got != "ERROR:  boom at character 7\n" {
		t.Errorf("%q", got)
	}
}

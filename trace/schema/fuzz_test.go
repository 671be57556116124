package schema

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/migrate-runner/migrate-runner/trace/internal/sqllex"
)

// The schema reader never panics; it either reads a file or names a line
// of it; what it reads is consistent; and Apply, which takes anything a
// script sends, never panics either.
func FuzzParse(f *testing.F) {
	for _, path := range []string{"../testdata/tree/schema.sql", "../../testdata/modules/schema.sql", "../../testdata/odoo/schema.sql"} {
		if b, err := os.ReadFile(path); err == nil {
			f.Add(string(b))
		}
	}
	for _, s := range []string{
		"CREATE TABLE t (id serial PRIMARY KEY, a varchar(3) NOT NULL DEFAULT 'x', b numeric(5,2)[] CHECK (b IS NOT NULL));",
		"CREATE TABLE t (a int); ALTER TABLE t ADD COLUMN b int, DROP COLUMN a, RENAME TO u; CREATE INDEX ON u (b);",
		"CREATE VIEW v (x) AS SELECT 1; CREATE MATERIALIZED VIEW m AS SELECT * FROM v WITH DATA; DROP VIEW v;",
		"CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE b (a_id int REFERENCES a ON DELETE CASCADE, UNIQUE (a_id));",
		"COPY t FROM stdin;\n1\t2\n\\.\n\\connect x\nCREATE SEQUENCE s;",
		"CREATE TABLE \"x\"\"y\" (\"a b\" \"char\", c timestamp(3) with time zone, d interval day to second(2));",
		"ALTER TABLE ONLY public.t ADD CONSTRAINT k FOREIGN KEY (a) REFERENCES public.u(id) MATCH FULL ON UPDATE CASCADE DEFERRABLE;",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		s := New()
		err := s.Parse("f.sql", src)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("not a ParseError: %v", err)
			}
			if pe.File != "f.sql" || pe.Line < 1 || pe.Line > strings.Count(src, "\n")+1 || !strings.HasPrefix(err.Error(), "f.sql:") {
				t.Fatalf("bad position in %q (the file has %d lines)", err, strings.Count(src, "\n")+1)
			}
		}
		seen := map[string]bool{}
		for _, r := range s.Relations() {
			key := r.Namespace + "." + r.Name
			if r.Name == "" || seen[key] || s.Lookup(r.Namespace, r.Name) != r {
				t.Fatalf("inconsistent relation %q", key)
			}
			seen[key] = true
			for _, c := range r.Constraints {
				_ = s.ConstraintDef(c)
			}
			if r.Kind == Index {
				_ = s.IndexDef(r)
			}
		}
		stmts, err := sqllex.Split(src)
		if err != nil {
			return
		}
		lenient := New()
		for _, st := range stmts {
			lenient.Apply(st, src)
		}
	})
}

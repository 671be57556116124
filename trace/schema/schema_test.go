package schema

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/migrate-runner/migrate-runner/trace/internal/sqllex"
)

// dump describes a schema in one line per relation, for comparisons.
func dump(s *Schema) string {
	var b strings.Builder
	for _, r := range s.Relations() {
		fmt.Fprintf(&b, "%s.%s %c", r.Namespace, r.Name, r.Kind)
		if r.Persistence != 'p' {
			fmt.Fprintf(&b, "/%c", r.Persistence)
		}
		switch r.Kind {
		case Index:
			fmt.Fprintf(&b, ": %s", s.IndexDef(r))
		case Sequence:
			if r.OwnerTable != nil {
				fmt.Fprintf(&b, " owned by %s.%s", r.OwnerTable.Name, r.OwnerCol)
			}
		default:
			var cols []string
			for _, c := range r.Columns {
				col := fmt.Sprintf("%d:%s %s", c.Num, c.Name, c.Type.Display)
				if c.NotNull {
					col += " NOT NULL"
				}
				if c.Default != "" {
					col += " DEFAULT " + c.Default
				}
				cols = append(cols, col)
			}
			fmt.Fprintf(&b, " (%s)", strings.Join(cols, ", "))
			for _, c := range r.Constraints {
				fmt.Fprintf(&b, " [%s %s]", c.Name, s.ConstraintDef(c))
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

func TestParse(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"types and column constraints", `
CREATE TABLE res_partner (
    id serial PRIMARY KEY,
    name character varying(128) NOT NULL,
    code CHAR(3) UNIQUE,
    score double precision DEFAULT 0.5 NOT NULL,
    amount numeric(16, 2) CHECK (amount >= 0),
    created timestamp(0) without time zone DEFAULT now(),
    seen timestamp with time zone,
    tags int[],
    data jsonb DEFAULT '{}'::jsonb,
    "Weird" text COLLATE "C",
    parent_id integer REFERENCES res_partner ON DELETE SET NULL,
    flag "char"
);`,
			`public.res_partner r (1:id integer NOT NULL DEFAULT nextval('res_partner_id_seq'::regclass), 2:name character varying(128) NOT NULL, 3:code character(3), 4:score double precision NOT NULL DEFAULT 0.5, 5:amount numeric(16,2), 6:created timestamp(0) without time zone DEFAULT now(), 7:seen timestamp with time zone, 8:tags integer[], 9:data jsonb DEFAULT '{}'::jsonb, 10:Weird text, 11:parent_id integer, 12:flag "char") [res_partner_pkey PRIMARY KEY (id)] [res_partner_code_key UNIQUE (code)] [res_partner_amount_check CHECK ((amount >= 0))] [res_partner_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES res_partner(id) ON DELETE SET NULL]
public.res_partner_pkey i: CREATE UNIQUE INDEX res_partner_pkey ON public.res_partner USING btree (id)
public.res_partner_code_key i: CREATE UNIQUE INDEX res_partner_code_key ON public.res_partner USING btree (code)
public.res_partner_id_seq S owned by res_partner.id
`},
		{"pg_dump style: constraints and defaults added later, other statements skipped", `
SET statement_timeout = 0;
SELECT pg_catalog.set_config('search_path', '', false);
CREATE FUNCTION public.f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END; $$;
CREATE TABLE public.m2m (a_id integer NOT NULL, b_id integer NOT NULL);
CREATE TABLE public.a (id integer NOT NULL);
ALTER TABLE public.a OWNER TO odoo;
COPY public.a (id) FROM stdin;
1
2;3
\.
ALTER TABLE ONLY public.a ADD CONSTRAINT a_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.m2m ADD CONSTRAINT m2m_a_id_b_id_key UNIQUE (a_id, b_id), ADD CONSTRAINT m2m_a_fk FOREIGN KEY (a_id) REFERENCES public.a(id) ON DELETE CASCADE;
CREATE INDEX m2m_b_idx ON public.m2m USING btree (b_id) WHERE (b_id > 0);
COMMENT ON TABLE public.a IS 'x';
GRANT ALL ON TABLE public.a TO odoo;
`,
			`public.m2m r (1:a_id integer NOT NULL, 2:b_id integer NOT NULL) [m2m_a_id_b_id_key UNIQUE (a_id, b_id)] [m2m_a_fk FOREIGN KEY (a_id) REFERENCES a(id) ON DELETE CASCADE]
public.a r (1:id integer NOT NULL) [a_pkey PRIMARY KEY (id)]
public.a_pkey i: CREATE UNIQUE INDEX a_pkey ON public.a USING btree (id)
public.m2m_a_id_b_id_key i: CREATE UNIQUE INDEX m2m_a_id_b_id_key ON public.m2m USING btree (a_id, b_id)
public.m2m_b_idx i: CREATE INDEX m2m_b_idx ON public.m2m USING btree (b_id) WHERE (b_id > 0)
`},
		{"views, materialized views, unnamed and expression indexes", `
CREATE TABLE t (id int PRIMARY KEY, name varchar, amount numeric);
CREATE VIEW v AS SELECT id, name AS label, amount * 2 FROM t;
CREATE OR REPLACE VIEW v AS SELECT t.id, t.amount FROM t;
CREATE MATERIALIZED VIEW mv (n) AS SELECT count(*) FROM t WITH NO DATA;
CREATE INDEX ON t (lower(name));
CREATE INDEX ON t (name);
CREATE UNIQUE INDEX IF NOT EXISTS t_name_idx ON t (id);
`,
			`public.t r (1:id integer NOT NULL, 2:name character varying, 3:amount numeric) [t_pkey PRIMARY KEY (id)]
public.t_pkey i: CREATE UNIQUE INDEX t_pkey ON public.t USING btree (id)
public.v v (1:id integer, 2:amount numeric)
public.mv m (1:n text)
public.t_expr_idx i: CREATE INDEX t_expr_idx ON public.t USING btree ((lower(name)))
public.t_name_idx i: CREATE INDEX t_name_idx ON public.t USING btree (name)
`},
		{"ALTER TABLE actions and DROP", `
CREATE TABLE t (id serial PRIMARY KEY, a int, b int, c int UNIQUE);
CREATE TABLE u (id int PRIMARY KEY, t_id int REFERENCES t (id));
CREATE INDEX t_b_idx ON t (b);
ALTER TABLE t ADD COLUMN d text NOT NULL DEFAULT '', ADD COLUMN IF NOT EXISTS a int, DROP COLUMN b, ALTER COLUMN a SET NOT NULL,
    ALTER COLUMN a TYPE bigint USING a::bigint, ALTER c DROP DEFAULT, SET (fillfactor = 50);
ALTER TABLE t RENAME COLUMN id TO key;
ALTER TABLE t RENAME TO t2;
ALTER TABLE t2 DROP CONSTRAINT t_c_key;
ALTER TABLE IF EXISTS nope ADD COLUMN x int;
ALTER INDEX t_pkey RENAME TO t2_pkey;
CREATE TEMP TABLE tmp (x int);
CREATE UNLOGGED TABLE ul (x int);
DROP TABLE IF EXISTS tmp, nope;
DROP TABLE ul;
`,
			`public.t2 r (1:key integer NOT NULL DEFAULT nextval('t_id_seq'::regclass), 2:a bigint NOT NULL, 4:c integer, 5:d text NOT NULL DEFAULT '') [t2_pkey PRIMARY KEY (key)]
public.t2_pkey i: CREATE UNIQUE INDEX t2_pkey ON public.t2 USING btree (key)
public.t_id_seq S owned by t2.key
public.u r (1:id integer NOT NULL, 2:t_id integer) [u_pkey PRIMARY KEY (id)] [u_t_id_fkey FOREIGN KEY (t_id) REFERENCES t2(key)]
public.u_pkey i: CREATE UNIQUE INDEX u_pkey ON public.u USING btree (id)
`},
		{"schemas, quoted names, names PostgreSQL picks", `
CREATE SCHEMA other;
CREATE TABLE other.x (id int CONSTRAINT named_pk PRIMARY KEY, CHECK (id > 0), CHECK (id < 10));
CREATE TABLE "Mixed Case" ("Id" int, UNIQUE ("Id"));
CREATE SEQUENCE IF NOT EXISTS s;
`,
			`other.x r (1:id integer NOT NULL) [named_pk PRIMARY KEY (id)] [x_check CHECK ((id > 0))] [x_check1 CHECK ((id < 10))]
other.named_pk i: CREATE UNIQUE INDEX named_pk ON other.x USING btree (id)
public.Mixed Case r (1:Id integer) [Mixed Case_Id_key UNIQUE ("Id")]
public.Mixed Case_Id_key i: CREATE UNIQUE INDEX "Mixed Case_Id_key" ON public."Mixed Case" USING btree ("Id")
public.s S
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := New()
			if err := s.Parse("f.sql", tt.src); err != nil {
				t.Fatal(err)
			}
			if got := dump(s); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// What the reader cannot read, or PostgreSQL would refuse, is an error
// naming the file and the line.
func TestParseErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"CREATE TABLE t (a int);\nCREATE TABLE t (b int);", "f.sql:2: CREATE TABLE t: relation already exists (defined at f.sql:1)"},
		{"CREATE TABLE t (a int,\n  b varchar(x));", "f.sql:2: CREATE TABLE t: expected a number in the type modifier of varchar, found 'x' (column b)"},
		{"\n\nALTER TABLE missing ADD COLUMN x int;", `f.sql:3: ALTER TABLE missing: relation "missing" does not exist`},
		{"CREATE TABLE t (a int);\nCREATE INDEX i ON t (\n  nope);", `f.sql:3: CREATE INDEX i: column "nope" does not exist in t`},
		{"CREATE TABLE t AS SELECT 1;", "f.sql:1: CREATE TABLE t: CREATE TABLE … AS: the columns come from a query, which the trace cannot run; write the table out"},
		{"SELECT 1;\nINSERT INTO t VALUES ('oops);\n", "f.sql:2: unterminated string"},
		{"CREATE TABLE t (a int PRIMARY KEY, b int PRIMARY KEY);", `f.sql:1: CREATE TABLE t: multiple primary keys for table "t" are not allowed`},
		{"CREATE TABLE t (a int, a int);", `f.sql:1: CREATE TABLE t: column "a" specified more than once`},
		{"CREATE TABLE t (a int, UNIQUE (b));", `f.sql:1: CREATE TABLE t: constraint on column "b", which t does not have`},
		{"CREATE TABLE t (a int) ;\nALTER TABLE t ADD COLUMN b int FOO;", "f.sql:2: ALTER TABLE t: unexpected 'foo' in the definition of column b"},
		{"CREATE TABLE t (a int REFERENCES u ON DELETE EXPLODE);", "f.sql:1: CREATE TABLE t: expected CASCADE, RESTRICT, NO ACTION, SET NULL or SET DEFAULT, found 'explode'"},
		{"/* never closed", "f.sql:1: unterminated /* comment"},
	}
	for _, tt := range tests {
		err := New().Parse("f.sql", tt.src)
		var pe *ParseError
		if !errors.As(err, &pe) || err.Error() != tt.want {
			t.Errorf("%q:\n got %v\nwant %s", tt.src, err, tt.want)
		}
	}
}

// Load names the file in its errors; the sample trees' schemas load.
func TestLoad(t *testing.T) {
	for _, f := range []string{"../testdata/tree/schema.sql", "../../testdata/modules/schema.sql", "../../testdata/run/schema.sql", "../../testdata/odoo/schema.sql"} {
		if _, err := os.Stat(f); err != nil {
			continue
		}
		s, err := Load(f)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if len(s.Relations()) == 0 {
			t.Errorf("%s: no relations", f)
		}
	}
	if _, err := Load("no/such/file.sql"); err == nil || !strings.Contains(err.Error(), "--schema: open no/such/file.sql") {
		t.Errorf("missing file: %v", err)
	}
}

// Apply, used on what traced scripts send, ignores what it cannot use.
func TestApplyIsLenient(t *testing.T) {
	s := New()
	for _, sql := range []string{
		"ALTER TABLE missing ADD COLUMN x int",
		"CREATE TABLE t (a int)",
		"CREATE TABLE t (a int)", // exists: PostgreSQL would raise; the picture stays
		"ALTER TABLE t ADD COLUMN b varchar(x)",
		"ALTER TABLE t ADD COLUMN c int",
		"UPDATE t SET a = 1",
		"CREATE INDEX ON t (c)",
	} {
		stmts, err := sqllex.Split(sql)
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range stmts {
			s.Apply(st, sql)
		}
	}
	want := "public.t r (1:a integer, 2:c integer)\npublic.t_c_idx i: CREATE INDEX t_c_idx ON public.t USING btree (c)\n"
	if got := dump(s); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

package catalog

import (
	"context"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/migrate-runner/migrate-runner/internal/pgtest"
	"github.com/migrate-runner/migrate-runner/sqlexec"
	"github.com/migrate-runner/migrate-runner/trace/internal/sqllex"
	"github.com/migrate-runner/migrate-runner/trace/schema"
)

// The catalog queries the helpers send (odoo.tools.sql, upgrade-util,
// openupgradelib, with their parameters rendered), and some written by
// hand. Each is answered by the engine from testdata/schema.sql and by
// PostgreSQL from the same file: the answers must match.
var helperQueries = []string{
	// odoo.tools.sql
	`SELECT c.relname FROM pg_class c JOIN pg_namespace n ON (n.oid = c.relnamespace)
	  WHERE c.relname IN ('res_partner', 'partner_report', 'partner_count', 'nope') AND c.relkind IN ('r', 'v', 'm')
	    AND n.nspname = current_schema`,
	`SELECT c.relkind, c.relpersistence FROM pg_class c JOIN pg_namespace n ON (n.oid = c.relnamespace)
	  WHERE c.relname = 'partner_count' AND n.nspname = current_schema`,
	`SELECT column_name, udt_name, character_maximum_length, is_nullable FROM information_schema.columns WHERE table_name='res_partner'`,
	` SELECT 1 FROM information_schema.columns WHERE table_name='res_partner' AND column_name='ref' `,
	` SELECT 1 FROM information_schema.columns WHERE table_name='res_partner' AND column_name='nope' `,
	`SELECT COALESCE(d.description, pg_get_constraintdef(c.oid)) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
	   LEFT JOIN pg_description d ON c.oid = d.objoid WHERE t.relname = 'res_partner' AND conname = 'res_partner_parent_id_fkey'`,
	`SELECT fk.conname as name FROM pg_constraint AS fk
	   JOIN pg_class AS c1 ON fk.conrelid = c1.oid JOIN pg_class AS c2 ON fk.confrelid = c2.oid
	   JOIN pg_attribute AS a1 ON a1.attrelid = c1.oid AND fk.conkey[1] = a1.attnum
	   JOIN pg_attribute AS a2 ON a2.attrelid = c2.oid AND fk.confkey[1] = a2.attnum
	  WHERE fk.contype = 'f' AND c1.relname = 'res_partner' AND a1.attname = 'company_id'
	    AND c2.relname = 'res_company' AND a2.attname = 'id' AND fk.confdeltype = 'n'`,
	` SELECT con.conname, c2.relname, a2.attname, con.confdeltype as deltype
	    FROM pg_constraint as con, pg_class as c1, pg_class as c2, pg_attribute as a1, pg_attribute as a2
	   WHERE con.contype='f' AND con.conrelid=c1.oid AND con.confrelid=c2.oid
	     AND array_lower(con.conkey, 1)=1 AND con.conkey[1]=a1.attnum
	     AND array_lower(con.confkey, 1)=1 AND con.confkey[1]=a2.attnum
	     AND a1.attrelid=c1.oid AND a2.attrelid=c2.oid AND c1.relname='res_partner' AND a1.attname='parent_id' `,
	`SELECT 1 FROM pg_indexes WHERE indexname='res_partner_name_index'`,
	`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'res_partner' AND indexname <> 'res_partner_active_ref'`,
	`SELECT distinct quote_ident(dependee.relname), dependee.relkind FROM pg_depend
	   JOIN pg_rewrite ON pg_depend.objid = pg_rewrite.oid
	   JOIN pg_class as dependee ON pg_rewrite.ev_class = dependee.oid
	   JOIN pg_class as dependent ON pg_depend.refobjid = dependent.oid
	   JOIN pg_attribute ON pg_depend.refobjid = pg_attribute.attrelid AND pg_depend.refobjsubid = pg_attribute.attnum
	  WHERE dependent.relname = 'res_partner' AND pg_attribute.attnum > 0 AND pg_attribute.attname = 'name'
	    AND dependee.relkind in ('v', 'm')`,
	// upgrade-util
	`SELECT 1 FROM information_schema.tables WHERE table_name = 'res_partner' AND table_type = 'BASE TABLE'`,
	`SELECT 1 FROM information_schema.tables WHERE table_name = 'partner_report' AND table_type = 'BASE TABLE'`,
	`SELECT 1 FROM information_schema.views WHERE table_name='partner_report'`,
	`SELECT 1 FROM information_schema.sequences WHERE sequence_name = 'ir_sequence_001'`,
	`SELECT COALESCE(bt.typname, t.typname) AS udt_name,
	        NOT (a.attnotnull OR t.typtype = 'd' AND t.typnotnull) AS is_nullable,
	        (c.relkind IN ('r','p','v','f') AND pg_column_is_updatable(c.oid::regclass, a.attnum, false)) AS is_updatable
	   FROM pg_attribute a JOIN pg_class c ON a.attrelid = c.oid JOIN pg_type t ON a.atttypid = t.oid
	   LEFT JOIN pg_type bt ON t.typtype = 'd' AND t.typbasetype = bt.oid
	  WHERE c.relname = 'res_partner' AND a.attname = 'tags'`,
	`SELECT COALESCE(bt.typname, t.typname) AS udt_name,
	        information_schema._pg_char_max_length(information_schema._pg_truetypid(a.*, t.*), information_schema._pg_truetypmod(a.*, t.*)) AS char_max_length,
	        NOT (a.attnotnull OR t.typtype = 'd' AND t.typnotnull) AS is_nullable
	   FROM pg_attribute a JOIN pg_class c ON a.attrelid = c.oid JOIN pg_type t ON a.atttypid = t.oid
	   LEFT JOIN pg_type bt ON t.typtype = 'd' AND t.typbasetype = bt.oid
	  WHERE c.relname = 'res_partner' AND a.attname IN ('name', 'code', 'credit')`,
	`SELECT quote_ident(cl1.relname) as table, quote_ident(att1.attname) as column, quote_ident(con.conname) as conname, con.confdeltype
	   FROM pg_constraint as con, pg_class as cl1, pg_class as cl2, pg_attribute as att1, pg_attribute as att2
	  WHERE con.conrelid = cl1.oid AND con.confrelid = cl2.oid AND array_lower(con.conkey, 1) = 1
	    AND con.conkey[1] = att1.attnum AND att1.attrelid = cl1.oid AND cl2.relname = 'res_partner'
	    AND att2.attname = 'id' AND array_lower(con.confkey, 1) = 1 AND con.confkey[1] = att2.attnum
	    AND att2.attrelid = cl2.oid AND con.contype = 'f'`,
	`SELECT quote_ident(cl2.relname) as table, quote_ident(att2.attname) as column, quote_ident(con.conname) as conname
	   FROM pg_constraint con
	   JOIN pg_class cl1 ON (con.conrelid = cl1.oid)
	   JOIN pg_attribute att1 ON (array_lower(con.conkey, 1) = 1 AND con.conkey[1] = att1.attnum AND att1.attrelid = cl1.oid)
	   JOIN pg_class cl2 ON (con.confrelid = cl2.oid)
	   JOIN pg_attribute att2 ON (array_lower(con.confkey, 1) = 1 AND con.confkey[1] = att2.attnum AND att2.attrelid = cl2.oid)
	  WHERE cl1.relname = 'res_partner' AND att1.attname = 'company_id' AND con.contype = 'f'`,
	`SELECT name, on_, indisunique, indisconstraint, indisprimary
	   FROM (SELECT i.relname as name, c.relname as on_, x.indisunique, t.conname IS NOT NULL as indisconstraint,
	                x.indisprimary, array_agg(a.attname::text order by array_position(x.indkey, x.unnest_indkey)) as attrs
	           FROM (select *, unnest(indkey) as unnest_indkey from pg_index) x
	           JOIN pg_class c ON c.oid = x.indrelid
	           JOIN pg_class i ON i.oid = x.indexrelid
	           JOIN pg_attribute a ON (a.attrelid=c.oid AND a.attnum=x.unnest_indkey)
	      LEFT JOIN pg_constraint t ON (t.connamespace = i.relnamespace AND t.conname = i.relname
	                                    AND t.contype IN ('u'::"char", 'p'::"char") AND x.indisunique AND t.conrelid = c.oid)
	          WHERE (c.relkind = ANY (ARRAY['r'::"char", 'm'::"char"])) AND i.relkind = 'i'::"char" AND c.relname = 'res_partner'
	       GROUP BY 1, 2, 3, 4, 5) idx
	  WHERE attrs = ARRAY['ref','company_id']
	  ORDER BY indisprimary DESC FETCH FIRST ROW ONLY`,
	`SELECT name, attrs
	   FROM (SELECT quote_ident(i.relname) as name, array_agg(a.attname::text) as attrs
	           FROM (select *, unnest(indkey) as unnest_indkey from pg_index) x
	           JOIN pg_class c ON c.oid = x.indrelid
	           JOIN pg_class i ON i.oid = x.indexrelid
	           JOIN pg_attribute a ON (a.attrelid=c.oid AND a.attnum=x.unnest_indkey)
	          WHERE (c.relkind = ANY (ARRAY['r'::"char", 'm'::"char"])) AND i.relkind = 'i'::"char"
	            AND c.relname = 'res_partner_res_company_rel' AND x.indisunique
	       GROUP BY 1) idx
	  WHERE attrs @> ARRAY['res_company_id']`,
	`SELECT coalesce(array_agg(column_name::varchar ORDER BY column_name), ARRAY[]::varchar[]),
	        coalesce(array_agg(quote_ident(column_name) ORDER BY column_name), ARRAY[]::varchar[])
	   FROM information_schema.columns
	  WHERE table_schema = 'public' AND table_name = 'res_partner' AND column_name != ALL(ARRAY['id'])`,
	`SELECT pgc.conname FROM pg_constraint pgc
	   JOIN pg_index pgi ON pgi.indrelid = pgc.conrelid AND pgi.indexrelid = pgc.conindid
	                    AND pgi.indrelid = 'res_partner'::regclass AND pgi.indisprimary
	  WHERE pgc.confrelid = 0`,
	`SELECT constraint_name FROM information_schema.table_constraints
	  WHERE table_name = 'res_partner' AND constraint_type = 'FOREIGN KEY' ORDER BY 1`,
	`SELECT null_frac FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'res_partner' AND attname = 'ref'`,
	// openupgradelib
	`SELECT 1 FROM pg_class WHERE relname = 'res_partner'`,
	`SELECT count(attname) FROM pg_attribute WHERE attrelid = ( SELECT oid FROM pg_class WHERE relname = 'res_partner' ) AND attname = 'credit'`,
	`SELECT data_type FROM information_schema.columns WHERE table_name = 'res_partner' AND column_name = 'write_date'`,
	// By hand
	`SELECT to_regclass('res_partner') IS NOT NULL, to_regclass('public.nope') IS NULL`,
	`SELECT attname, format_type(atttypid, atttypmod), attnotnull FROM pg_attribute
	  WHERE attrelid = 'res_partner'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
	`SELECT attname FROM pg_attribute WHERE attrelid = 'res_partner'::regclass AND attnum < 0 ORDER BY attnum`,
	`SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
	`SELECT c.relname, c.relkind FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace::oid ORDER BY 1`,
	`SELECT relname, relkind FROM pg_class WHERE relname LIKE 'res\_partner%' ORDER BY relname DESC LIMIT 3 OFFSET 1`,
	`SELECT table_name, count(*) AS n, min(ordinal_position), max(column_name) FROM information_schema.columns
	  WHERE table_schema = 'public' GROUP BY table_name HAVING count(*) > 3 ORDER BY n DESC, table_name`,
	`SELECT conname, contype FROM pg_constraint WHERE conrelid = 'res_partner'::regclass AND contype <> 'c' ORDER BY conname`,
	`SELECT column_name, numeric_precision, numeric_scale, datetime_precision FROM information_schema.columns
	  WHERE table_name = 'res_partner' AND column_name IN ('id', 'credit', 'score', 'create_date', 'write_date', 'birthday')
	  ORDER BY ordinal_position`,
	`SELECT kcu.column_name, ccu.table_name, ccu.column_name
	   FROM information_schema.table_constraints tc
	   JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name
	   JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name
	  WHERE tc.table_name = 'res_partner' AND tc.constraint_type = 'FOREIGN KEY' ORDER BY 1`,
	`SELECT EXISTS (SELECT 1 FROM pg_class WHERE relname = 'ir_model_data'), (SELECT count(*) FROM pg_class WHERE relkind = 'S')`,
	`SELECT relname FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace AND relname NOT IN (SELECT table_name FROM information_schema.views) AND relname <> ALL(ARRAY['res_company']) ORDER BY 1`,
	`SELECT CASE WHEN count(*) > 0 THEN 'yes' ELSE 'no' END FROM pg_views WHERE viewname = 'partner_report'`,
	`SELECT matviewname FROM pg_matviews UNION ALL SELECT viewname FROM pg_views WHERE schemaname = 'public' ORDER BY 1`,
	`SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
	  WHERE i.indrelid = 'res_partner'::regclass AND i.indisprimary`,
	`SELECT pg_get_serial_sequence('res_partner', 'id'), pg_get_serial_sequence('ir_model_data', 'id')`,
	`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename ILIKE 'RES_%' ORDER BY 1`,
	`SELECT column_name, data_type, udt_name FROM information_schema.columns WHERE table_name = 'partner_report' ORDER BY ordinal_position`,
}

// The engine's answers equal PostgreSQL's on the same schema.
func TestAgainstPostgreSQL(t *testing.T) {
	src, err := os.ReadFile("testdata/schema.sql")
	if err != nil {
		t.Fatal(err)
	}
	dsn := pgtest.DBFrom(t, string(src))
	s := schema.New()
	if err := s.Parse("testdata/schema.sql", string(src)); err != nil {
		t.Fatal(err)
	}
	compareWithPostgreSQL(t, dsn, s)
}

// pg_dump --schema-only output, the usual --schema file, reads into the
// same picture: the answers still equal PostgreSQL's.
func TestPgDumpSchema(t *testing.T) {
	pgDump, err := exec.LookPath("pg_dump")
	if err != nil {
		t.Skipf("no pg_dump: %v", err)
	}
	src, err := os.ReadFile("testdata/schema.sql")
	if err != nil {
		t.Fatal(err)
	}
	dsn := pgtest.DBFrom(t, string(src))
	dump, err := exec.Command(pgDump, "--schema-only", "--no-owner", "--dbname="+dsn).Output()
	if err != nil {
		t.Fatalf("pg_dump: %v", err)
	}
	s := schema.New()
	if err := s.Parse("dump.sql", string(dump)); err != nil {
		t.Fatal(err)
	}
	compareWithPostgreSQL(t, dsn, s)
}

func compareWithPostgreSQL(t *testing.T, dsn string, s *schema.Schema) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	cr := sqlexec.NewCursor(conn.PgConn())
	for _, q := range helperQueries {
		toks, err := sqllex.Tokens(q)
		if err != nil {
			t.Fatal(err)
		}
		if !Reads(toks) {
			t.Errorf("not recognised as a catalog query:\n%s", q)
			continue
		}
		got, err := Query(s, "trace", toks)
		if err != nil {
			t.Errorf("%v\n%s", err, q)
			continue
		}
		if err := cr.Execute(ctx, q, nil); err != nil {
			t.Fatalf("PostgreSQL: %v\n%s", err, q)
		}
		rows, _ := cr.FetchAll()
		want := &sqlexec.Result{Columns: cr.Description(), Rows: rows}
		ordered := strings.Contains(strings.ToUpper(q), "ORDER BY")
		if g, w := resultText(got, ordered), resultText(want, ordered); g != w {
			t.Errorf("%s\n--- engine\n%s\n--- PostgreSQL\n%s", q, g, w)
		}
	}
}

// resultText is a result's column names and rows as Python reprs, sorted
// unless the query orders them.
func resultText(r *sqlexec.Result, ordered bool) string {
	var names []string
	for _, c := range r.Columns {
		names = append(names, c.Name)
	}
	var rows []string
	for _, row := range r.Rows {
		rows = append(rows, sqlexec.Repr(sqlexec.TupleValue(row...)))
	}
	if !ordered {
		slices.Sort(rows)
	}
	return strings.Join(names, ", ") + "\n" + strings.Join(rows, "\n")
}

// Outside the subset, or refused by PostgreSQL: an Unsupported error with
// the reason, never a wrong answer.
func TestUnsupported(t *testing.T) {
	s := schema.New()
	if err := s.Parse("s.sql", "CREATE TABLE t (a int); CREATE TABLE u (b int);"); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ q, reason string }{
		{"WITH x AS (SELECT 1) SELECT * FROM x, pg_class", "WITH queries are not supported"},
		{"SELECT row_number() OVER () FROM pg_class", "window functions are not supported"},
		{"SELECT relname FROM pg_class, generate_series(1, 3)", "functions in FROM (generate_series) are not supported"},
		{"SELECT nope FROM pg_class", `column "nope" does not exist`},
		{"SELECT x.relname FROM pg_class c", `missing FROM-clause entry for table "x"`},
		{"SELECT relname FROM pg_class c, pg_class d", `column reference "relname" is ambiguous`},
		{"SELECT 1 FROM pg_class WHERE oid = 'nope'::regclass", `relation "nope" does not exist (PostgreSQL would raise UndefinedTable)`},
		{"SELECT md5(relname) FROM pg_class", "function md5() is not supported"},
		{"SELECT 1 FROM pg_class RIGHT JOIN pg_namespace ON true", "RIGHT JOIN is not supported"},
		{"SELECT (SELECT relname FROM pg_class)", "more than one row returned by a subquery used as an expression"},
		{"SELECT relname FROM pg_class ORDER BY 5", "ORDER BY position 5 is not in select list"},
	}
	for _, tt := range tests {
		toks, err := sqllex.Tokens(tt.q)
		if err != nil {
			t.Fatal(err)
		}
		if !Reads(toks) {
			t.Errorf("%s: not a catalog query", tt.q)
			continue
		}
		_, err = Query(s, "trace", toks)
		u, ok := err.(*Unsupported)
		if !ok || u.Reason != tt.reason {
			t.Errorf("%s:\n got %v\nwant %s", tt.q, err, tt.reason)
		}
	}
}

// What is and is not a catalog query.
func TestReads(t *testing.T) {
	for q, want := range map[string]bool{
		"SELECT 1 FROM pg_class":                                true,
		"select 1 from pg_catalog.pg_attribute":                 true,
		"SELECT 1 FROM information_schema.columns":              true,
		"(SELECT to_regclass('x'))":                             true,
		"SELECT 'x'::regclass":                                  true,
		"SELECT current_schema":                                 true,
		"SELECT 1 FROM res_partner":                             false,
		"SELECT 1 FROM public.columns":                          false, // not information_schema's
		"UPDATE pg_class SET relname = 'x'":                     false,
		"SELECT pg_class FROM res_partner":                      true, // names one: tried, then declined
		"SELECT count(*) FROM res_partner WHERE x = 'pg_class'": false,
	} {
		toks, err := sqllex.Tokens(q)
		if err != nil {
			t.Fatal(err)
		}
		if got := Reads(toks); got != want {
			t.Errorf("Reads(%q) = %v, want %v", q, got, want)
		}
	}
}

// The query engine never panics, whatever text a script sends.
func FuzzQuery(f *testing.F) {
	for _, q := range helperQueries {
		f.Add(q)
	}
	f.Add("SELECT a, b FROM (SELECT 1 AS a, 2 AS b UNION SELECT 3, NULL) x WHERE a BETWEEN 0 AND 5 AND b IS NOT DISTINCT FROM NULL")
	src, _ := os.ReadFile("testdata/schema.sql")
	s := schema.New()
	if err := s.Parse("testdata/schema.sql", string(src)); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		toks, err := sqllex.Tokens(q)
		if err != nil || !Reads(toks) {
			return
		}
		res, err := Query(s, "trace", toks)
		if err != nil {
			if _, ok := err.(*Unsupported); !ok {
				t.Fatalf("%T: %v", err, err)
			}
			return
		}
		for _, row := range res.Rows {
			if len(row) != len(res.Columns) {
				t.Fatalf("row of %d values for %d columns", len(row), len(res.Columns))
			}
		}
	})
}

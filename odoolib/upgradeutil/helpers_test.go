package upgradeutil

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/migrate-runner/migrate-runner/internal/pgtest"
	"github.com/migrate-runner/migrate-runner/odoolib"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// These tests call the helpers from Go on the Odoo-shaped fixture, for
// the series-dependent rules and the argument checks; the host-parity
// tests (package upgradeutil_test) run them through both Python hosts.

func fixtureEnv(t *testing.T, major int) odoolib.Env {
	t.Helper()
	schema, err := os.ReadFile("../../testdata/odoo/schema.sql")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, pgtest.DBFrom(t, string(schema)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	cr := sqlexec.NewCursor(conn.PgConn())
	if err := cr.Begin(ctx); err != nil {
		t.Fatal(err)
	}
	return odoolib.Env{Cursor: cr, Major: major}
}

// callRepr runs the helper and returns repr() of its result or
// "!Type: message".
func callRepr(env odoolib.Env, name string, args []sqlexec.Value, kw map[string]sqlexec.Value) string {
	var kwargs *sqlexec.Value
	if kw != nil {
		d := sqlexec.DictValue(kw)
		kwargs = &d
	}
	v, err := odoolib.Call(context.Background(), env, prefix+name, args, kwargs)
	if err != nil {
		return "!" + err.Error()
	}
	return sqlexec.Repr(v)
}

func queryRepr(t *testing.T, env odoolib.Env, query string) string {
	t.Helper()
	if err := env.Cursor.Execute(context.Background(), query, nil); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	rows, err := env.Cursor.FetchAll()
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = sqlexec.Repr(sqlexec.TupleValue(r...))
	}
	return strings.Join(out, " ")
}

func TestSeriesRules(t *testing.T) {
	cases := []struct {
		major int
		name  string
		args  []sqlexec.Value
		want  string
	}{
		{17, "version_gte", []sqlexec.Value{s("17.0")}, "True"},
		{17, "version_gte", []sqlexec.Value{s("saas~17.1")}, "False"},
		{18, "version_gte", []sqlexec.Value{s("saas~17.1")}, "True"},
		{16, "version_gte", []sqlexec.Value{s("16.0")}, "True"},
		{16, "version_gte", []sqlexec.Value{s("saas~16.1")}, "False"},
		{17, "version_gte", []sqlexec.Value{s("16-0")}, "!SleepyDeveloperError: version cannot contains dash"},
		{0, "version_gte", []sqlexec.Value{s("16.0")}, "!Exception: the target Odoo series is unknown here: version checks need the series the script migrates to"},
		{17, "version_between", []sqlexec.Value{s("16.0"), s("17.0")}, "True"},
		{18, "version_between", []sqlexec.Value{s("16.0"), s("17.0")}, "False"},
		{18, "version_between", []sqlexec.Value{s("saas~17.1"), s("18.0")}, "True"},
		// _COLUMNS: ir_translation.name is "missing" from the 17.0 target
		// on, whatever the database holds (the fixture has the table).
		{17, "column_exists", []sqlexec.Value{s("ir_translation"), s("name")}, "False"},
		{16, "column_exists", []sqlexec.Value{s("ir_translation"), s("name")}, "True"},
		{17, "column_exists", []sqlexec.Value{s("ir_model_fields"), s("domain")}, "True"}, // not in the fixture
		{9, "column_exists", []sqlexec.Value{s("ir_model_fields"), s("domain")}, "False"},
		{17, "column_exists", []sqlexec.Value{s("res_partner"), s("ref")}, "True"},
		{17, "column_exists", []sqlexec.Value{s("res.partner"), s("ref")}, "!SleepyDeveloperError: `res.partner` seems to be a model name instead of table name"},
		{14, "table_of_model", []sqlexec.Value{s("mail.notification")}, "'mail_message_res_partner_needaction_rel'"},
		{15, "table_of_model", []sqlexec.Value{s("mail.notification")}, "'mail_notification'"},
		{17, "table_of_model", []sqlexec.Value{s("ir.actions.report")}, "'ir_act_report_xml'"},
		{17, "model_of_table", []sqlexec.Value{s("ir_act_report_xml")}, "'ir.actions.report'"},
		{10, "model_of_table", []sqlexec.Value{s("ir_act_report_xml")}, "'ir.actions.report.xml'"},
	}
	envs := map[int]odoolib.Env{}
	for _, c := range cases {
		env, ok := envs[c.major]
		if !ok {
			env = fixtureEnv(t, c.major)
			envs[c.major] = env
		}
		if c.major == 0 {
			env = odoolib.Env{} // a pure helper run without the script's series
		}
		if got := callRepr(env, c.name, c.args, nil); got != c.want {
			t.Errorf("%d: %s%s = %s, want %s", c.major, c.name, sqlexec.Repr(sqlexec.TupleValue(c.args...)), got, c.want)
		}
	}
}

func mustExec(t *testing.T, env odoolib.Env, query string) {
	t.Helper()
	if err := env.Cursor.Execute(context.Background(), query, nil); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// withoutHelpers makes the named helpers of other packages look
// unregistered for the test.
func withoutHelpers(t *testing.T, names ...string) {
	saved := registered
	t.Cleanup(func() { registered = saved })
	registered = func(qualname string) bool {
		for _, n := range names {
			if qualname == prefix+n {
				return false
			}
		}
		return saved(qualname)
	}
}

// Without package upgradeutil/parallel the helpers run upgrade-util's
// single-bucket path on the cursor, and chunks one after the other.
func TestWithoutParallelHelpers(t *testing.T) {
	withoutHelpers(t, "parallel_execute", "explode_execute")
	env := fixtureEnv(t, 17)
	// A statement trigger counts the DELETE statements on res_partner.
	mustExec(t, env, `
CREATE TABLE stmt_log (n int);
CREATE FUNCTION log_stmt() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO stmt_log VALUES (1); RETURN NULL; END $$;
CREATE TRIGGER partner_deletes AFTER DELETE ON res_partner FOR EACH STATEMENT EXECUTE FUNCTION log_stmt();
INSERT INTO res_partner (name) SELECT 'bulk' || i FROM generate_series(1, 2500) i;`)
	ids := sqlexec.ListValue()
	if err := env.Cursor.Execute(context.Background(), "SELECT id FROM res_partner WHERE name LIKE 'bulk%' ORDER BY id", nil); err != nil {
		t.Fatal(err)
	}
	rows, _ := env.Cursor.FetchAll()
	for _, r := range rows {
		ids.Items = append(ids.Items, r[0])
	}
	if got := callRepr(env, "remove_records", []sqlexec.Value{s("res.partner"), ids}, nil); got != "None" {
		t.Fatalf("remove_records: %s", got)
	}
	if got := queryRepr(t, env, "SELECT count(*) FROM stmt_log"); got != "(3,)" {
		t.Errorf("DELETE statements for 2500 ids: %s, want 3 chunks of at most 1000", got)
	}
	if got := queryRepr(t, env, "SELECT count(*) FROM res_partner"); got != "(4,)" {
		t.Errorf("partners left: %s", got)
	}

	// create_column's default fill and alter_column_type's UPDATE.
	mustExec(t, env, "UPDATE res_partner SET customer_rank = NULL WHERE id > 2")
	if got := callRepr(env, "create_column", []sqlexec.Value{s("res_partner"), s("customer_rank"), s("integer")},
		map[string]sqlexec.Value{"default": i64(5)}); got != "False" {
		t.Errorf("create_column: %s", got)
	}
	if got := callRepr(env, "alter_column_type", []sqlexec.Value{s("res_partner"), s("customer_rank"), s("int8")},
		map[string]sqlexec.Value{"using": s("{0} * 10")}); got != "None" {
		t.Errorf("alter_column_type: %s", got)
	}
	if got := queryRepr(t, env, "SELECT id, customer_rank FROM res_partner ORDER BY id"); got != "(1, 0) (2, 0) (3, 50) (4, 50)" {
		t.Errorf("ranks: %s", got)
	}
	if got := callRepr(env, "column_type", []sqlexec.Value{s("res_partner"), s("customer_rank")}, nil); got != "'int8'" {
		t.Errorf("column_type: %s", got)
	}
}

// uninstall_module needs remove_model and remove_field (package
// upgradeutil/refactor) for the models and fields a module owns: without
// them it refuses before changing anything.
func TestUninstallModuleWithoutRefactorHelpers(t *testing.T) {
	withoutHelpers(t, "remove_model", "remove_field")
	env := fixtureEnv(t, 17)
	mustExec(t, env, `
ALTER TABLE res_partner ADD CONSTRAINT x_custom_rank_check CHECK (customer_rank >= 0);
INSERT INTO ir_model_constraint (name, model, module, type) VALUES ('x_custom_rank_check', 1, 3, 'c');
INSERT INTO ir_model_data (module, name, model, res_id) VALUES ('x_custom', 'field_res_partner__ref', 'ir.model.fields', 2);`)
	want := "!NotImplementedError: uninstall_module(cr, 'x_custom'): the module owns ir.model.fields records, " +
		"whose removal needs util.remove_field, which this build of migrate-runner does not include"
	if got := callRepr(env, "uninstall_module", []sqlexec.Value{s("x_custom")}, nil); got != want {
		t.Errorf("uninstall_module: %s", got)
	}
	if got := queryRepr(t, env, "SELECT state FROM ir_module_module WHERE name = 'x_custom'"); got != "('installed',)" {
		t.Errorf("state: %s", got)
	}
	if got := queryRepr(t, env, "SELECT count(*) FROM pg_constraint WHERE conname = 'x_custom_rank_check'"); got != "(1,)" {
		t.Errorf("the constraint went: %s", got)
	}
}

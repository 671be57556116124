package refactor

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/migrate-runner/migrate-runner/internal/pgtest"
	"github.com/migrate-runner/migrate-runner/odoolib"
	_ "github.com/migrate-runner/migrate-runner/odoolib/upgradeutil" // table_exists & co, called by name
	"github.com/migrate-runner/migrate-runner/pyliteral"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// fixtureCursor opens a cursor on a fresh database holding the shared
// Odoo fixture and this package's rows. (Package hosttest would import
// this package back through the hosts.)
func fixtureCursor(t *testing.T) *sqlexec.Cursor {
	t.Helper()
	var schema strings.Builder
	for _, f := range []string{filepath.Join("..", "..", "..", "testdata", "odoo", "schema.sql"), filepath.Join("testdata", "refactor.sql")} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		schema.Write(b)
		schema.WriteString("\n")
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, pgtest.DBFrom(t, schema.String()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	cr := sqlexec.NewCursor(conn.PgConn())
	if err := cr.Begin(ctx); err != nil {
		t.Fatal(err)
	}
	return cr
}

// Domain rewriting needs only ir_model_fields (to resolve paths): these
// cases run it directly on the fixture, without a Python host.
func TestAdaptDomainText(t *testing.T) {
	cr := fixtureCursor(t)
	cases := []struct {
		name    string
		major   int
		model   string // the model the domain applies to
		remove  bool   // remove_field's adapter instead of a rename
		domain  string
		want    string
		changed bool
	}{
		{"leaf", 17, "sale.order", false, `[("state", "=", "draft")]`, `[('status', '=', 'draft')]`, true},
		{"implicit ands made explicit", 17, "sale.order", false, `[('state','=','a'),('name','=','b'),('note','=','c')]`,
			`['&', '&', ('status', '=', 'a'), ('name', '=', 'b'), ('note', '=', 'c')]`, true},
		{"a tuple domain", 17, "sale.order", false, `(('state', '=', 'x'),)`, `[('status', '=', 'x')]`, true},
		{"operator normalized with the rename", 17, "sale.order", false, `[('state', '<>', 'x')]`, `[('status', '!=', 'x')]`, true},
		{"normalization alone is no change", 17, "sale.order", false, `[('name', '<>', 'x')]`, `[('name', '<>', 'x')]`, false},
		{"list operand makes '=' an 'in'", 17, "sale.order", false, `[('state', '=', ['a', 'b'])]`, `[('status', 'in', ['a', 'b'])]`, true},
		{"bool operand makes 'in' an '='", 17, "sale.order", false, `[('state', 'in', True)]`, `[('status', '=', True)]`, true},
		{"constant leaves kept", 17, "sale.order", false, `[(1, '=', 1), ('state', '=', 'x')]`, `['&', (1, '=', 1), ('status', '=', 'x')]`, true},
		{"through a many2one", 17, "sale.order.line", false, `[('order_id.state', '=', 'x')]`, `[('order_id.status', '=', 'x')]`, true},
		{"another model's field of that name", 17, "res.partner", false, `[('state', '=', 'x')]`, `[('state', '=', 'x')]`, false},
		{"any sub-domain (17.0+)", 17, "sale.order.line", false, `[('order_id', 'any', [('state', '=', 'draft')])]`,
			`[('order_id', 'any', [('status', '=', 'draft')])]`, true},
		{"any is no operator before 17.0", 16, "sale.order.line", false, `[('order_id', 'any', [('state', '=', 'draft')])]`,
			`[('order_id', 'any', [('state', '=', 'draft')])]`, false},
		{"unknown operator: invalid, kept", 17, "sale.order", false, `[('state', 'LIKE', 'x')]`, `[('state', 'LIKE', 'x')]`, false},
		{"missing operand: invalid, kept", 17, "sale.order", false, `['&', ('state', '=', 'x')]`, `['&', ('state', '=', 'x')]`, false},
		{"not a list: kept", 17, "sale.order", false, `{'state': 1}`, `{'state': 1}`, false},
		{"removed under an AND", 17, "sale.order", true, `[('state', '=', 'x'), ('name', '=', 'y')]`,
			`['&', (1, '=', 1), ('name', '=', 'y')]`, true},
		{"removed under an OR", 17, "sale.order", true, `['|', ('state', '=', 'x'), ('name', '=', 'y')]`,
			`['|', (0, '=', 1), ('name', '=', 'y')]`, true},
		{"removed under a NOT", 17, "sale.order", true, `['!', ('state', '=', 'x')]`, `['!', (0, '=', 1)]`, true},
		{"removed under NOT OR", 17, "sale.order", true, `['!', '|', ('state', '=', 'x'), ('name', '=', 'y')]`,
			`['!', '|', (0, '=', 1), ('name', '=', 'y')]`, true},
		{"removed through a path", 17, "sale.order.line", true, `[('order_id.state', '=', 'x')]`, `[(1, '=', 1)]`, true},
		// Not literals: rewritten in place.
		{"uid", 17, "sale.order", false, `[('state', '=', context.get('s')), ('user_id', '=', uid)]`,
			`[('status', '=', context.get('s')), ('user_id', '=', uid)]`, true},
		{"double quotes and spaces", 17, "sale.order", false, `[ ( "state" , "=" , uid ) ]`, `[ ( "status" , "=" , uid ) ]`, true},
		{"values are not paths", 17, "sale.order", false, `[('name', 'in', ['state', 'x']), ('x', '=', uid)]`,
			`[('name', 'in', ['state', 'x']), ('x', '=', uid)]`, false},
		{"sub-domains are not rewritten in place", 17, "sale.order.line", false, `[('order_id', 'any', [('state', '=', uid)])]`,
			`[('order_id', 'any', [('state', '=', uid)])]`, false},
		{"in place, through a path", 17, "sale.order.line", false, `["|", ("order_id.state", "=", uid), ("name", "=", "state")]`,
			`["|", ("order_id.status", "=", uid), ("name", "=", "state")]`, true},
		{"no adapter in place", 17, "sale.order", true, `[('state', '=', uid)]`, `[('state', '=', uid)]`, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := runner{context.Background(), odoolib.Env{Cursor: cr, Major: c.major}}
			var adapt adapter
			newName := "status"
			if c.remove {
				adapt, newName = removedFieldAdapter, "ignored"
			}
			got, changed, err := r.adaptDomainText("sale.order", "state", newName, c.model, c.domain, adapt, true)
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want || changed != c.changed {
				t.Errorf("got %s (changed %v), want %s (changed %v)", got, changed, c.want, c.changed)
			}
		})
	}
}

// remove_field's context cleaning, quirks included.
func TestRemoveFieldFromContext(t *testing.T) {
	cases := []struct {
		ctx, want string
		changed   bool
	}{
		{`{'group_by': ['state', 'partner_id']}`, `{'group_by': ['partner_id']}`, true},
		{`{'group_by': ['state:month']}`, `{'group_by': []}`, true},
		{`{'group_by': ['partner_id']}`, `{'group_by': ['partner_id']}`, false},
		// A tuple becomes a list, which counts as a change.
		{`{'group_by': ('partner_id',)}`, `{'group_by': ['partner_id']}`, true},
		// A str is iterated character by character (upstream's quirk).
		{`{'group_by': 'state'}`, `{'group_by': ['s', 't', 'a', 't', 'e']}`, true},
		{`{'pivot_measure': 'state', 'graph_measure': 'amount'}`, `{'pivot_measure': 'id', 'graph_measure': 'amount'}`, true},
		{`{'orderedBy': [{'name': 'state', 'asc': True}, {'name': 'name'}]}`, `{'orderedBy': [{'name': 'name'}]}`, true},
		{`{'pivot': {'pivot_row_groupby': ['state']}}`, `{'pivot': {'pivot_row_groupby': []}}`, true},
		{`{'default_state': 'draft'}`, `{'default_state': 'draft'}`, false},
		{`['state']`, `['state']`, false},
	}
	for _, c := range cases {
		ctx, err := pyliteral.Parse([]byte(c.ctx))
		if err != nil {
			t.Fatal(err)
		}
		changed, err := removeFieldFromContext(ctx, "state")
		if err != nil {
			t.Fatal(err)
		}
		if got := ctx.PyStr(); got != c.want || changed != c.changed {
			t.Errorf("%s: got %s (changed %v), want %s (changed %v)", c.ctx, got, changed, c.want, c.changed)
		}
	}
	ctx, _ := pyliteral.Parse([]byte(`{'group_by': 3}`))
	if _, err := removeFieldFromContext(ctx, "state"); err == nil || !strings.Contains(err.Error(), "'int' object is not iterable") {
		t.Errorf("iterating an int: %v", err)
	}
}

func TestScanPython(t *testing.T) {
	toks, ok := scanPython(`[('a', '=', u"b"), ("c\"d", 'in', r'e'), '''f''', # x'
 g(1, h)]`)
	if !ok {
		t.Fatal("not scanned")
	}
	var strs []string
	for _, tk := range toks {
		if tk.kind == 's' {
			mark := ""
			if tk.plain {
				mark = "!"
			}
			strs = append(strs, mark+tk.value)
		}
	}
	if got := strings.Join(strs, " "); got != `!a != !b c\"d !in e f` {
		t.Errorf("strings: %s", got)
	}
	for _, src := range []string{`[('a'`, `[)]`, `["a]`, "('a\n')"} {
		if _, ok := scanPython(src); ok {
			t.Errorf("%q scanned", src)
		}
	}
}

// FuzzScanPython: the scanner never panics, its tokens lie in order inside
// the source, and a plain string's value is its source text.
func FuzzScanPython(f *testing.F) {
	for _, s := range []string{`[('state', '=', uid)]`, `["|", ("a.b", "=", 1), ("c", "in", [1, 2])]`, `[(u'x', '=', r"\d")]`,
		`'''a'''`, `[('a', '=', b'x') # c` + "\n]", `(`, `'`, `"\\"`, `rb'x'`, `ab'x'`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		toks, ok := scanPython(src)
		if !ok {
			return
		}
		end := 0
		for _, tk := range toks {
			if tk.start < end || tk.end > len(src) || tk.start >= tk.end {
				t.Fatalf("token %+v out of order or bounds in %q", tk, src)
			}
			end = tk.end
			if tk.kind == 's' {
				if tk.contentAt < tk.start || tk.contentAt+len(tk.value) > tk.end || src[tk.contentAt:tk.contentAt+len(tk.value)] != tk.value {
					t.Fatalf("string token %+v does not match %q", tk, src)
				}
				if tk.plain && strings.ContainsAny(tk.value, "\\\n") {
					t.Fatalf("plain string with an escape or newline: %+v in %q", tk, src)
				}
			}
		}
	})
}

// Inheriting models come from ir_model_inherit, with ir.cron added under
// ir.actions.server before saas~18.1, and skip_inherit applied.
func TestInherits(t *testing.T) {
	cr := fixtureCursor(t)
	cases := []struct {
		major int
		model string
		skip  sqlexec.Value
		want  string
	}{
		{17, "mail.activity.mixin", sqlexec.TupleValue(), "crm.lead/ project.task/"},
		{17, "mail.activity.mixin", sqlexec.TupleValue(sqlexec.StrValue("crm.lead")), "project.task/"},
		{17, "mail.activity.mixin", sqlexec.StrValue("project.task, crm.leads"), ""}, // a str: Python's substring test
		{17, "mail.activity.mixin", sqlexec.StrValue("project.task, crm"), "crm.lead/"},
		{17, "mail.activity.mixin", sqlexec.StrValue("*"), ""},
		{17, "res.partner", sqlexec.TupleValue(), "res.users/partner_id"},
		{17, "ir.actions.server", sqlexec.TupleValue(), "ir.cron/ir_actions_server_id"},
		{19, "ir.actions.server", sqlexec.TupleValue(), ""},
	}
	for _, c := range cases {
		r := runner{context.Background(), odoolib.Env{Cursor: cr, Major: c.major}}
		inh, err := r.inherits(c.model, newSkipSet(c.skip))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, i := range inh {
			got = append(got, i.model+"/"+i.via)
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("%d %s skip %s: got %q, want %q", c.major, c.model, sqlexec.Repr(c.skip), strings.Join(got, " "), c.want)
		}
	}
	r := runner{context.Background(), odoolib.Env{Cursor: cr, Major: 17}}
	if _, err := r.inherits("mail.activity.mixin", newSkipSet(sqlexec.NoneValue())); err == nil ||
		err.Error() != "TypeError: argument of type 'NoneType' is not iterable" {
		t.Errorf("skip_inherit=None: %v", err)
	}
}

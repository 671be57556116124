package embedded

import (
	"strings"

	"github.com/go-python/gpython/py"

	"github.com/migrate-runner/migrate-runner/odoolib"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// The SQL-building shims of the embedded host: psycopg2.sql,
// psycopg2.extras' Json and execute_values, psycopg2.extensions' AsIs,
// odoo.tools' SQL and odoo.tools.sql's helpers. They mirror harness.py's
// classes one for one; what they compute is computed by the packages the
// parent uses for the external host (sqlexec for composition, odoolib for
// the helpers), so that the two hosts cannot drift apart. The cursor
// sends them to the parent in the harness's frames (see toWire).
//
// The files sqlshim_*.go hold the types; this one assembles the modules.

// registerSQLShims returns the globals the SQL shims add, by module name.
// registerModules merges them into its modules, registering those it does
// not have yet.
func registerSQLShims() map[string]py.StringDict {
	mods := map[string]py.StringDict{
		"psycopg2.sql": {
			"Composable": composableType, "Composed": composedType, "SQL": sqlType, "Identifier": identifierType,
			"Literal": literalType, "Placeholder": placeholderType,
			"NULL":    &composable{kind: sqlexec.CompSQL, text: "NULL"},
			"DEFAULT": &composable{kind: sqlexec.CompSQL, text: "DEFAULT"},
		},
		"psycopg2.extras":     {"Json": jsonType, "execute_values": py.MustNewMethod("execute_values", executeValues, 0, executeValuesDoc)},
		"psycopg2.extensions": {"AsIs": asIsType},
		"odoo.tools":          {"SQL": odooSQLType, "__path__": py.NewList()},
		"odoo.tools.sql":      {"SQL": odooSQLType, "TableKind": tableKindType},
	}
	// Every helper odoolib implements, in its module, as the harness's
	// _init_helpers installs them.
	for _, qualname := range odoolib.Names() {
		i := strings.LastIndexByte(qualname, '.')
		mod, fname := qualname[:i], qualname[i+1:]
		if mods[mod] == nil {
			mods[mod] = py.StringDict{}
		}
		mods[mod][fname] = helper(qualname)
	}
	return mods
}

const executeValuesDoc = "execute_values(cur, sql, argslist, template=None, page_size=100, fetch=False): " +
	"run sql with its VALUES %s filled from argslist, page_size rows at a time"

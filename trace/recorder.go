package trace

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/migrate-runner/migrate-runner/sqlexec"
	"github.com/migrate-runner/migrate-runner/trace/catalog"
	"github.com/migrate-runner/migrate-runner/trace/internal/sqllex"
	"github.com/migrate-runner/migrate-runner/trace/schema"
)

// Statement is one SQL text the cursor sent, as PostgreSQL would have
// received it (parameters rendered by sqlexec.Mogrify, psycopg2's rules).
type Statement struct {
	SQL string `json:"sql"`
	// Answer is set for a catalog query, and for a query that returned
	// rows; nil means the default answer: no rows.
	Answer *Answer `json:"answer,omitempty"`
}

// Answer says how a query was answered.
type Answer struct {
	Catalog     bool   `json:"catalog,omitempty"` // it read the catalogs: answered from the schema
	Rows        int    `json:"rows"`
	Unsupported string `json:"unsupported,omitempty"` // a catalog query answered with no rows because of this
}

// Recorder is a sqlexec.Backend with no database behind it: it records
// every text the cursor sends and answers it as an empty database with
// the recorder's schema would, without raising.
//
//   - A catalog query (package catalog decides) is evaluated against the
//     schema: table_exists, column_type, get_fk … see what --schema says.
//     One outside the engine's subset returns no rows, and says so.
//   - Any other SELECT is evaluated too, its tables empty: a read of a
//     table returns no rows (with the column names in description), an
//     aggregate without GROUP BY its one row (count 0, min/max NULL), a
//     constant SELECT its row. Tables the schema lacks read as empty.
//   - Any other statement that returns rows (a SELECT the engine cannot
//     evaluate, VALUES, SHOW, … RETURNING) returns none: description is
//     an empty sequence, rowcount 0, fetchone() None, fetchall() [], as
//     psycopg2 shows an empty result.
//   - Other statements return no result, as psycopg2 does: description
//     None, fetch* raise ProgrammingError "no results to fetch", rowcount
//     0 for INSERT/UPDATE/DELETE/MERGE/COPY and -1 for DDL and the rest.
//   - SELECT (now() AT TIME ZONE 'UTC'), cr.now()'s query, returns the
//     recorder's clock.
//
// The DDL a statement holds (CREATE/ALTER/DROP TABLE, VIEW, INDEX,
// SEQUENCE, see package schema) updates the schema, so later catalog
// queries see it; rolling back does not undo it.
type Recorder struct {
	schema *schema.Schema
	db     string
	now    time.Time
	stmts  []Statement
	sp     int
	// Limit caps the statements kept between two Takes (0: no cap); the
	// ones past it are answered and counted, not kept, so that a script
	// looping on an empty result cannot exhaust memory.
	Limit   int
	omitted int
}

// NewRecorder records against s (nil: an empty database) as database db,
// with now as cr.now()'s answer.
func NewRecorder(s *schema.Schema, db string, now time.Time) *Recorder {
	if s == nil {
		s = schema.New()
	}
	return &Recorder{schema: s, db: db, now: now}
}

// Take returns the statements recorded since the last Take, and how
// many more were sent past Limit.
func (r *Recorder) Take() ([]Statement, int) {
	out, omitted := r.stmts, r.omitted
	r.stmts, r.omitted = nil, 0
	return out, omitted
}

// SavepointName numbers savepoints, so that traces compare: Odoo's are
// random UUIDs.
func (r *Recorder) SavepointName() string {
	r.sp++
	return "sp" + strconv.Itoa(r.sp)
}

const nowQuery = "SELECT (now() AT TIME ZONE 'UTC')"

// Exec records sql and answers it.
func (r *Recorder) Exec(_ context.Context, sql string) (*sqlexec.Result, error) {
	st := Statement{SQL: sql}
	res := r.answer(sql, &st)
	if r.Limit > 0 && len(r.stmts) >= r.Limit {
		r.omitted++
	} else {
		r.stmts = append(r.stmts, st)
	}
	return res, nil
}

func (r *Recorder) answer(sql string, st *Statement) *sqlexec.Result {
	if strings.TrimSpace(sql) == nowQuery {
		return &sqlexec.Result{Columns: []sqlexec.Column{{Name: "timezone", TypeOID: 1114}},
			Rows: [][]sqlexec.Value{{sqlexec.DateTimeValue(r.now.UTC(), false)}}, RowCount: 1, Status: "SELECT 1"}
	}
	stmts, err := sqllex.Split(sql)
	if err != nil || len(stmts) == 0 {
		// PostgreSQL would refuse a text it cannot lex; the trace does not.
		return &sqlexec.Result{RowCount: -1}
	}
	for _, s := range stmts {
		r.schema.Apply(s, sql)
	}
	last := stmts[len(stmts)-1]
	isCatalog := catalog.Reads(last.Tokens)
	if isCatalog || isSelect(last.Tokens) {
		res, err := catalog.Query(r.schema, r.db, last.Tokens)
		switch {
		case err == nil && isCatalog:
			st.Answer = &Answer{Catalog: true, Rows: len(res.Rows)}
			return res
		case err == nil:
			if len(res.Rows) > 0 {
				st.Answer = &Answer{Rows: len(res.Rows)}
			}
			return res
		case isCatalog:
			var u *catalog.Unsupported
			if !errors.As(err, &u) {
				u = &catalog.Unsupported{Reason: err.Error()}
			}
			st.Answer = &Answer{Catalog: true, Unsupported: u.Reason}
		}
	}
	return emptyResult(last.Tokens)
}

// isSelect says whether a statement is a plain SELECT, the engine's to
// try.
func isSelect(toks []sqllex.Token) bool {
	i := 0
	for i < len(toks) && toks[i].IsOp("(") {
		i++
	}
	return i < len(toks) && toks[i].Is("select") && !topLevel(toks, "into")
}

// emptyResult is what PostgreSQL answers to a statement on an empty
// database, as far as its shape goes.
func emptyResult(toks []sqllex.Token) *sqlexec.Result {
	rows := func(status string) *sqlexec.Result {
		return &sqlexec.Result{Columns: []sqlexec.Column{}, Rows: [][]sqlexec.Value{}, RowCount: 0, Status: status}
	}
	i := 0
	for i < len(toks) && toks[i].IsOp("(") {
		i++
	}
	if i >= len(toks) {
		return &sqlexec.Result{RowCount: -1}
	}
	verb := toks[i].Text
	if toks[i].Is("with") {
		verb = mainVerb(toks[i+1:])
	}
	returning := topLevel(toks, "returning")
	switch verb {
	case "select", "values", "table":
		if verb == "select" && topLevel(toks, "into") {
			return &sqlexec.Result{RowCount: 0, Status: "SELECT 0"}
		}
		return rows("SELECT 0")
	case "show":
		return rows("SHOW")
	case "explain":
		return rows("EXPLAIN")
	case "fetch":
		return rows("FETCH 0")
	case "insert", "update", "delete", "merge":
		status := strings.ToUpper(verb) + " 0"
		if verb == "insert" {
			status = "INSERT 0 0"
		}
		if returning {
			return rows(status)
		}
		return &sqlexec.Result{RowCount: 0, Status: status}
	case "copy":
		return &sqlexec.Result{RowCount: 0, Status: "COPY 0"}
	}
	return &sqlexec.Result{RowCount: -1, Status: commandTag(toks[i:])}
}

// mainVerb finds the statement after a WITH list: the first top-level
// SELECT/INSERT/UPDATE/DELETE/MERGE/VALUES.
func mainVerb(toks []sqllex.Token) string {
	depth := 0
	for _, t := range toks {
		switch {
		case t.IsOp("("):
			depth++
		case t.IsOp(")"):
			depth--
		case depth == 0 && (t.Is("select") || t.Is("insert") || t.Is("update") || t.Is("delete") || t.Is("merge") || t.Is("values")):
			return t.Text
		}
	}
	return "select"
}

func topLevel(toks []sqllex.Token, word string) bool {
	depth := 0
	for _, t := range toks {
		switch {
		case t.IsOp("("):
			depth++
		case t.IsOp(")"):
			depth--
		case depth == 0 && t.Is(word):
			return true
		}
	}
	return false
}

// commandTag approximates PostgreSQL's tag for other statements: CREATE
// TABLE, ALTER INDEX, DROP VIEW, ANALYZE, …
func commandTag(toks []sqllex.Token) string {
	words := []string{strings.ToUpper(toks[0].Text)}
	switch toks[0].Text {
	case "create", "drop", "alter":
		for _, t := range toks[1:] {
			switch {
			case t.Kind != sqllex.Ident:
				return strings.Join(words, " ")
			case t.Is("or") || t.Is("replace") || t.Is("unique") || t.Is("temp") || t.Is("temporary") ||
				t.Is("unlogged") || t.Is("global") || t.Is("local") || t.Is("concurrently") || t.Is("recursive"):
				continue
			}
			words = append(words, strings.ToUpper(t.Text))
			if !t.Is("materialized") && !t.Is("foreign") && !t.Is("event") {
				return strings.Join(words, " ")
			}
		}
	case "refresh":
		return "REFRESH MATERIALIZED VIEW"
	case "truncate":
		return "TRUNCATE TABLE"
	case "rollback", "abort":
		return "ROLLBACK"
	case "start":
		return "START TRANSACTION"
	case "end":
		return "COMMIT"
	}
	return strings.Join(words, " ")
}

package sqlexec

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

// Column describes one result column, as psycopg2's cursor.description.
type Column struct {
	Name    string
	TypeOID uint32
}

// Result is what a cursor holds after execute: the last statement's rows
// and status, as psycopg2 keeps them.
type Result struct {
	Columns  []Column // nil when the statement returns no rows (description is None)
	Rows     [][]Value
	RowCount int64  // rows returned or affected; -1 when the statement has no count
	Status   string // statusmessage, e.g. "UPDATE 3"
}

// Exec runs rendered SQL, which may hold several statements, with the
// simple query protocol (as psycopg2 sends it) and returns the result of
// the last statement. Values are decoded from PostgreSQL's text format
// into Python values with Odoo's type mapping (numeric becomes float).
func Exec(ctx context.Context, conn *pgconn.PgConn, sql string) (*Result, error) {
	mrr := conn.Exec(ctx, sql)
	res := &Result{RowCount: -1}
	var decodeErr error
	for mrr.NextResult() {
		// Only the last statement's result is kept, as psycopg2 does.
		rr := mrr.ResultReader()
		*res = Result{RowCount: -1}
		if fds := rr.FieldDescriptions(); fds != nil {
			res.Columns = make([]Column, len(fds))
			for i, fd := range fds {
				res.Columns[i] = Column{Name: fd.Name, TypeOID: fd.DataTypeOID}
			}
			res.Rows = [][]Value{}
		}
		for rr.NextRow() {
			row := make([]Value, len(res.Columns))
			for j, cell := range rr.Values() {
				if cell == nil || decodeErr != nil {
					continue // the zero Value is None
				}
				v, err := decodeText(res.Columns[j].TypeOID, string(cell))
				if err != nil {
					decodeErr = fmt.Errorf("column %q: %w", res.Columns[j].Name, err)
				}
				row[j] = v
			}
			res.Rows = append(res.Rows, row)
		}
		tag, err := rr.Close()
		if err != nil {
			_ = mrr.Close()
			return nil, wrapPgError(err, sql)
		}
		res.Status = tag.String()
		if hasRowCount(res.Status) {
			res.RowCount = tag.RowsAffected()
		}
	}
	if err := mrr.Close(); err != nil {
		return nil, wrapPgError(err, sql)
	}
	if decodeErr != nil {
		return nil, decodeErr
	}
	return res, nil
}

// hasRowCount mirrors libpq's PQcmdTuples: only these commands report a
// count; everything else leaves rowcount at -1.
func hasRowCount(tag string) bool {
	verb, _, _ := strings.Cut(tag, " ")
	switch verb {
	case "SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "MOVE", "FETCH", "COPY":
		return true
	}
	return false
}

// DBError is a server error as psycopg2 raises it: the exception class a
// host must raise, the SQLSTATE (pgcode) and the pgerror text.
type DBError struct {
	Class   string // psycopg2's class for the SQLSTATE: IntegrityError, ProgrammingError, …
	Name    string // psycopg2.errors' class for the SQLSTATE (UniqueViolation), "" when it has none
	Code    string // SQLSTATE, psycopg2's pgcode
	PgError string // "ERROR:  message\nLINE 1: …\n…^\nDETAIL:  …\n", psycopg2's pgerror
	Err     *pgconn.PgError
}

func (e *DBError) Error() string { return e.PgError }
func (e *DBError) Unwrap() error { return e.Err }

// wrapPgError turns a server error on sql into a DBError whose PgError
// is libpq's message (pgerror.go).
func wrapPgError(err error, sql string) error {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return err
	}
	return &DBError{Class: ClassForSQLState(pe.Code), Name: errorNames[pe.Code], Code: pe.Code, PgError: PgErrorText(pe, sql), Err: pe}
}

// ErrorCodeConstants are psycopg2.errorcodes' constants (name, code):
// every SQLSTATE and class of the server's errcodes.txt, as psycopg2
// names them (UNIQUE_VIOLATION, CLASS_INTEGRITY_CONSTRAINT_VIOLATION).
func ErrorCodeConstants() [][2]string { return slices.Clone(errorCodeConstants) }

// ErrorCodeName is psycopg2.errorcodes.lookup(code): the constant's name
// of an SQLSTATE or class code, without its disambiguating underscore;
// "" when unknown.
func ErrorCodeName(code string) string {
	for _, c := range errorCodeConstants {
		if c[1] == code {
			return strings.TrimRight(c[0], "_")
		}
	}
	return ""
}

// ErrorName returns the psycopg2.errors class name for an SQLSTATE
// (23505 → UniqueViolation), or "" for a code it has no class for.
func ErrorName(code string) string { return errorNames[code] }

// ClassForSQLState returns the psycopg2 exception class (a DBAPI class)
// that psycopg2 raises for an SQLSTATE, by its class and subclass digits.
func ClassForSQLState(code string) string {
	if len(code) < 2 {
		return "DatabaseError"
	}
	switch code[0] {
	case '0':
		switch code[1] {
		case '8':
			return "OperationalError"
		case 'A':
			return "NotSupportedError"
		}
	case '2':
		switch code[1] {
		case '0', '1':
			return "ProgrammingError"
		case '2':
			return "DataError"
		case '3':
			return "IntegrityError"
		case '4', '5':
			return "InternalError"
		case '6', '7', '8':
			return "OperationalError"
		case 'B', 'D', 'F':
			return "InternalError"
		}
	case '3':
		switch code[1] {
		case '4':
			return "OperationalError"
		case '8', '9', 'B':
			return "InternalError"
		case 'D', 'F':
			return "ProgrammingError"
		}
	case '4':
		switch code[1] {
		case '0':
			return "TransactionRollbackError"
		case '2', '4':
			return "ProgrammingError"
		}
	case '5':
		if code == "57014" {
			return "QueryCanceledError"
		}
		return "OperationalError"
	case 'F', 'P', 'X':
		return "InternalError"
	case 'H':
		return "OperationalError"
	}
	return "DatabaseError"
}

// ErrorClasses lists every SQLSTATE with a psycopg2.errors class: its
// code, class name and DBAPI base class, sorted by code, for hosts that
// build the module.
func ErrorClasses() [][3]string {
	out := make([][3]string, 0, len(errorNames))
	for code, name := range errorNames {
		out = append(out, [3]string{code, name, ClassForSQLState(code)})
	}
	slices.SortFunc(out, func(a, b [3]string) int { return strings.Compare(a[0], b[0]) })
	return out
}

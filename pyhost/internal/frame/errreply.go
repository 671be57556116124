package frame

import (
	"errors"

	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// ErrorReply is the protocol's reply to a cursor call that failed:
// {"err": {"class", "name", "pgcode", "pgerror"}} for a database error,
// {"err": {"class", "msg"}} otherwise. The parent sends it; the embedded
// worker builds the same one for a statement it ran on its direct lane,
// so that both turn into the same Python exception.
func ErrorReply(err error) map[string]any {
	var pe *sqlexec.PyError
	var dbe *sqlexec.DBError
	switch {
	case errors.As(err, &dbe):
		return map[string]any{"err": map[string]any{"class": dbe.Class, "name": dbe.Name, "pgcode": dbe.Code, "pgerror": dbe.PgError}}
	case errors.As(err, &pe):
		return map[string]any{"err": map[string]any{"class": pe.Type, "msg": pe.Msg}}
	}
	return map[string]any{"err": map[string]any{"class": "OperationalError", "msg": err.Error()}}
}

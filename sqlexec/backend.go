package sqlexec

import (
	"context"

	"github.com/jackc/pgx/v5/pgconn"
)

// Backend is where a Cursor sends rendered SQL, and what answers it: a
// PostgreSQL connection for a run (NewCursor), or a stand-in such as the
// trace command's recorder (NewCursorOn). Exec has Exec's contract: sql
// may hold several statements, the result is the last one's, and a
// server error is a *DBError.
//
// The cursor calls Exec once per statement it sends, so an
// implementation should not allocate beyond its answer: the PostgreSQL
// one is a one-pointer struct, stored in the interface without an
// allocation, and costs one indirect call per statement.
type Backend interface {
	Exec(ctx context.Context, sql string) (*Result, error)
}

// SavepointNamer is implemented by a Backend that names the cursor's
// savepoints itself. Odoo names them with random UUIDs, which a recorder
// wants stable (a golden file, a diff between two traces).
type SavepointNamer interface {
	SavepointName() string
}

// pgBackend sends SQL to PostgreSQL over one connection.
type pgBackend struct{ conn *pgconn.PgConn }

func (b pgBackend) Exec(ctx context.Context, sql string) (*Result, error) {
	return Exec(ctx, b.conn, sql)
}

// Conn is the connection the cursor's statements go to; nil when its
// backend is not a PostgreSQL connection (the trace recorder). The
// embedded host hands it to its worker (package pyhost).
func (c *Cursor) Conn() *pgconn.PgConn {
	if b, ok := c.backend.(pgBackend); ok {
		return b.conn
	}
	return nil
}

package sqlexec

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
)

// Begin opens the run's transaction at REPEATABLE READ, Odoo's isolation
// level.
func (c *Cursor) Begin(ctx context.Context) error {
	c.now = nil
	return c.run(ctx, "BEGIN ISOLATION LEVEL REPEATABLE READ")
}

// Commit commits, as cr.commit() does; the cached now() is forgotten.
func (c *Cursor) Commit(ctx context.Context) error {
	c.now = nil
	return c.run(ctx, "COMMIT")
}

// Rollback rolls back, as cr.rollback() does.
func (c *Cursor) Rollback(ctx context.Context) error {
	c.now = nil
	return c.run(ctx, "ROLLBACK")
}

// Savepoint opens a savepoint named like Odoo's (a random UUID, quoted)
// and returns its name. Like Odoo's, it goes through execute, so it
// replaces the cursor's last result.
func (c *Cursor) Savepoint(ctx context.Context) (string, error) {
	var name string
	if n, ok := c.backend.(SavepointNamer); ok {
		name = n.SavepointName()
	} else {
		b := make([]byte, 16)
		_, _ = rand.Read(b)
		h := hex.EncodeToString(b)
		name = fmt.Sprintf("%s-%s-%s-%s-%s", h[:8], h[8:12], h[12:16], h[16:20], h[20:])
	}
	return name, c.run(ctx, `SAVEPOINT "`+name+`"`)
}

// Release ends a savepoint, keeping its work (Savepoint.__exit__ on
// success).
func (c *Cursor) Release(ctx context.Context, name string) error {
	return c.run(ctx, `RELEASE SAVEPOINT "`+name+`"`)
}

// RollbackTo undoes a savepoint's work and ends it, in Odoo's order
// (ROLLBACK TO, then RELEASE): the transaction is usable again after an
// error inside the savepoint.
func (c *Cursor) RollbackTo(ctx context.Context, name string) error {
	if err := c.run(ctx, `ROLLBACK TO SAVEPOINT "`+name+`"`); err != nil {
		return err
	}
	return c.Release(ctx, name)
}

// Now is Odoo's cr.now(): the transaction's start time in UTC, naive,
// read once per transaction.
func (c *Cursor) Now(ctx context.Context) (Value, error) {
	if c.now != nil {
		return *c.now, nil
	}
	if err := c.run(ctx, "SELECT (now() AT TIME ZONE 'UTC')"); err != nil {
		return Value{}, err
	}
	row, err := c.FetchOne()
	if err != nil || row == nil {
		return Value{}, fmt.Errorf("now(): %v", err)
	}
	c.now = &row[0]
	return row[0], nil
}

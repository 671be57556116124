package sftpxfer

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkTransfer measures Put and Get of a 256 MiB file over loopback
// against the in-process server (which writes to the temp directory).
func BenchmarkTransfer(b *testing.B) {
	const size = 256 << 20
	fx := newFixture(b)
	local := filepath.Join(b.TempDir(), "db.dump")
	if err := os.WriteFile(local, testData(size), 0o644); err != nil {
		b.Fatal(err)
	}
	b.Run("put", func(b *testing.B) {
		b.SetBytes(size)
		for b.Loop() {
			os.Remove(fx.srv.local("db.dump"))
			if err := Put(context.Background(), fx.cfg, local, "db.dump"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("get", func(b *testing.B) {
		b.SetBytes(size)
		out := filepath.Join(b.TempDir(), "got.dump")
		for b.Loop() {
			os.Remove(out)
			if err := Get(context.Background(), fx.cfg, "db.dump", out); err != nil {
				b.Fatal(err)
			}
		}
	})
}

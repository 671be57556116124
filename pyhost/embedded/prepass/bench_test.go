package prepass

import (
	"os"
	"path/filepath"
	"testing"
)

func benchScript(tb testing.TB) []byte {
	tb.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", "bench_script.py"))
	if err != nil {
		tb.Fatal(err)
	}
	return src
}

// BenchmarkRewrite lowers a typical 50-line migration script (f-strings,
// % formatting, +, +=, a class with super()).
func BenchmarkRewrite(b *testing.B) {
	src := benchScript(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Rewrite(src); err != nil {
			b.Fatal(err)
		}
	}
}

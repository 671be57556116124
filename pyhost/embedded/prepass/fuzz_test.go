package prepass

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzRewrite checks that rewrite never panics (it is called without
// Rewrite's recover), keeps the line invariant, reports only
// *SyntaxError, and is idempotent on its own output.
func FuzzRewrite(f *testing.F) {
	for _, c := range goldenCases {
		f.Add([]byte(c.in))
	}
	for _, c := range errorCases {
		f.Add([]byte(c.in))
	}
	files, _ := filepath.Glob("testdata/semantic/*.py")
	files = append(files, filepath.Join("testdata", "bench_script.py"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		out, err := rewrite(src)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error %v is not a *SyntaxError", err)
			}
			if se.Line < 1 || se.Col < 1 {
				t.Fatalf("bad position in %v", se)
			}
			return
		}
		checkLines(t, src, out)
		again, err := rewriteNesting(out, 1<<30)
		if err != nil {
			t.Fatalf("rewriting the output failed: %v\n in: %q\nout: %q", err, src, out)
		}
		if string(again) != string(out) {
			t.Fatalf("not idempotent\n  in: %q\n out: %q\nout2: %q", src, out, again)
		}
	})
}

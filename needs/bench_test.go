package needs

import (
	"os"
	"testing"
)

// BenchmarkAnalyze: one realistic script (the largest of the
// table-driven cases, and the embedded pre-check's 50-line benchmark
// script) through parse and analysis.
func BenchmarkAnalyze(b *testing.B) {
	long, err := os.ReadFile("../pyhost/embedded/precheck/testdata/clean/post-settings.py")
	if err != nil {
		b.Skip(err)
	}
	for _, c := range []struct {
		name string
		src  []byte
	}{
		{"documentation-example", []byte(needsCases[1].src)},
		{"50-lines", long},
		{"token-scan", []byte(scanCases[0].src)},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Analyze("bench.py", c.src, Options{Major: 17})
			}
		})
	}
}

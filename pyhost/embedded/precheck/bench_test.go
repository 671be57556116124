package precheck

import (
	"bytes"
	"os"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// threadCPU is the CPU time of the calling OS thread: on a shared
// machine it measures Check better than the wall clock does.
func threadCPU() time.Duration {
	var ru syscall.Rusage
	const rusageThread = 1 // RUSAGE_THREAD (Linux)
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func benchCheck(b *testing.B, src []byte, want int) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	b.ReportAllocs()
	start := threadCPU()
	for b.Loop() {
		if fs := Check("bench.py", src, defaultOpts); len(fs) != want {
			b.Fatal(fs)
		}
	}
	b.ReportMetric(float64(threadCPU()-start)/float64(b.N)/1e3, "cpu-µs/op")
}

// BenchmarkCheck50Lines: a realistic 50-line script; the budget is well
// under 200 µs.
func BenchmarkCheck50Lines(b *testing.B) {
	src, err := os.ReadFile("testdata/clean/post-settings.py")
	if err != nil {
		b.Fatal(err)
	}
	if n := bytes.Count(src, []byte("\n")); n != 50 {
		b.Fatalf("benchmark script has %d lines, want 50", n)
	}
	benchCheck(b, src, 0)
}

// BenchmarkCheckSyntaxError: the parse-error path also tokenizes the file.
func BenchmarkCheckSyntaxError(b *testing.B) {
	src, err := os.ReadFile("testdata/clean/post-settings.py")
	if err != nil {
		b.Fatal(err)
	}
	benchCheck(b, append(src, "x = (n := 1)\n"...), 1)
}

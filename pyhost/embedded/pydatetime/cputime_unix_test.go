//go:build unix

package pydatetime

import (
	"syscall"
	"testing"
)

// reportCPU adds a cpu-ns/op metric: on a shared, loaded machine the
// wall-clock ns/op says more about the neighbours than about the code.
func reportCPU(b *testing.B) func() {
	start := cpuNanos()
	return func() {
		b.ReportMetric(float64(cpuNanos()-start)/float64(b.N), "cpu-ns/op")
	}
}

func cpuNanos() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

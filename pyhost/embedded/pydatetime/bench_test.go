package pydatetime

import (
	"testing"

	"github.com/go-python/gpython/py"
)

func BenchmarkStrftime(b *testing.B) {
	dt := mustDT(2024, 5, 1, 13, 4, 5, 6, UTC, true)
	b.ReportAllocs()
	defer reportCPU(b)()
	for i := 0; i < b.N; i++ {
		strftime("%Y-%m-%d %H:%M:%S.%f%z", dt.fields())
	}
}

func BenchmarkDatetimeAddTimedelta(b *testing.B) {
	dt := mustDT(2024, 5, 1, 13, 4, 5, 6, UTC, false)
	td := Timedelta{Days: 1, Secs: 3600, Micros: 5}
	b.ReportAllocs()
	defer reportCPU(b)()
	for i := 0; i < b.N; i++ {
		if _, err := py.Add(dt, td); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkStrptime(b *testing.B) {
	b.ReportAllocs()
	defer reportCPU(b)()
	for i := 0; i < b.N; i++ {
		if _, err := Strptime("2024-05-01 10:11:12", "%Y-%m-%d %H:%M:%S"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFromisoformat(b *testing.B) {
	b.ReportAllocs()
	defer reportCPU(b)()
	for i := 0; i < b.N; i++ {
		if _, err := DatetimeFromISOFormat("2024-05-01T10:11:12.123456+02:00"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScriptLoop is the Python-level cost: a loop adding a
// timedelta and formatting, as a migration script would.
func BenchmarkScriptLoop(b *testing.B) {
	e := newEnv(b)
	code, err := py.Compile("d = datetime(2024, 1, 1)\nstep = timedelta(hours=1)\nfor i in range(1000):\n    d = d + step\n    s = d.strftime('%Y-%m-%d %H:%M:%S')\n", "<bench>", py.ExecMode, 0, true)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	defer reportCPU(b)()
	for i := 0; i < b.N; i++ {
		if _, err := e.ctx.RunCode(code, e.globals, e.globals, nil); err != nil {
			b.Fatal(err)
		}
	}
}

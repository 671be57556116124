package embedded

import (
	"strings"
	"testing"
)

func TestRunProgramSmoke(t *testing.T) {
	var b strings.Builder
	err := RunProgram("x.py", []byte("from psycopg2 import errors\nprint('hi', 1+2)\nprint(errors.UniqueViolation)\n"), &b)
	if err != nil || !strings.HasPrefix(b.String(), "hi 3\n") {
		t.Fatalf("%v %q", err, b.String())
	}
	err = RunProgram("y.py", []byte("def f():\n  raise ValueError('x')\nf()\n"), &b)
	if err == nil || !strings.Contains(err.Error(), "line 2, in f") {
		t.Fatal(err)
	}
}

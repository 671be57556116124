package precheck

import (
	"reflect"
	"testing"
)

func TestCallLines(t *testing.T) {
	for _, c := range []struct {
		name, src string
		want      map[int]int
	}{
		{"one-line call", "cr.execute('SELECT 1')\n", map[int]int{}},
		{"arguments on their own lines", "cr.execute(\n    'SELECT %s',\n    (1,),\n)\n", map[int]int{2: 1, 3: 1, 4: 1}},
		{"nested call", "f(a,\n  g(b,\n    c))\n", map[int]int{2: 1, 3: 2}},
		{"a list is no call", "x = [1,\n     f(1,\n       2),\n     3]\n", map[int]int{3: 2}},
		{"grouping is no call", "x = (a +\n     b)\nif (a and\n        b):\n    pass\n", map[int]int{}},
		{"triple-quoted string, one argument", "cr.execute(\"\"\"\n    SELECT 1\n\"\"\")\n", map[int]int{3: 1}},
		{"triple-quoted string, then arguments", "cr.execute(\"\"\"\n    SELECT %s\n\"\"\", (1,))\n", map[int]int{3: 1}},
		{"string then arguments below", "cr.execute(\"\"\"\n    SELECT %s\n\"\"\",\n    (1,))\n", map[int]int{3: 1, 4: 1}},
		{"method on a call's result", "a.b(1)(\n  2)\n", map[int]int{2: 1}},
	} {
		if got := CallLines([]byte(c.src)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// FuzzCallLines: any source gives lines that map to earlier lines.
func FuzzCallLines(f *testing.F) {
	f.Add("cr.execute(\n    'x',\n    (1,),\n)\n")
	f.Add("f(a,\n  g(b,\n    c))\n")
	f.Fuzz(func(t *testing.T, src string) {
		for line, call := range CallLines([]byte(src)) {
			if call >= line || call < 1 {
				t.Fatalf("%q: line %d maps to %d", src, line, call)
			}
		}
	})
}

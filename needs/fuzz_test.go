package needs

import (
	"bytes"
	"sort"
	"strings"
	"testing"
)

// checkResult fails on a malformed result: needs unsorted or duplicated,
// a use outside the script, a need without evidence or the reverse.
func checkResult(t *testing.T, src []byte, res Result) {
	t.Helper()
	if strings.Contains(res.Fallback, "internal error") {
		t.Fatalf("the analysis crashed on %q: %s", src, res.Fallback)
	}
	if !sort.SliceIsSorted(res.Needs, func(i, j int) bool { return res.Needs[i] < res.Needs[j] }) {
		t.Fatalf("needs not sorted: %v", res.Needs)
	}
	seen := map[Need]bool{}
	for i, n := range res.Needs {
		if i > 0 && res.Needs[i-1] == n {
			t.Fatalf("duplicate need %s", n)
		}
		seen[n] = true
	}
	lines := bytes.Count(src, []byte("\n")) + bytes.Count(src, []byte("\r")) + 1
	evidence := map[Need]bool{}
	for _, u := range res.Uses {
		if u.Line < 1 || u.Line > lines || u.Construct == "" || !seen[u.Need] {
			t.Fatalf("malformed use %+v (needs %v) for %q", u, res.Needs, src)
		}
		evidence[u.Need] = true
	}
	for n := range seen {
		if !evidence[n] {
			t.Fatalf("need %s without a use", n)
		}
	}
	if (res.Method == Scanned) != (res.Fallback != "") {
		t.Fatalf("method %q with fallback %q", res.Method, res.Fallback)
	}
}

// FuzzAnalyze: Analyze never panics (its recover would turn a panic of
// the AST walk into an "internal error" fallback, which fails here) and
// its results are well-formed.
func FuzzAnalyze(f *testing.F) {
	for _, c := range needsCases {
		f.Add([]byte(c.src))
	}
	for _, c := range scanCases {
		f.Add([]byte(c.src))
	}
	for _, s := range []string{
		"", "\x00", "(", "'''", "\\", "@", "@openupgrade.migrate(\ndef", "env[", "env.", "from . import *\n",
		"from openupgradelib.openupgrade import *\nload_data(", "import odoo.addons.\n", "def migrate(",
		strings.Repeat("(", 3000), strings.Repeat("env[", 500), "x = " + strings.Repeat("env.a", 2000) + "\n",
		strings.Repeat("if env:\n ", 300) + "env['x']\n", "f'{env[\"x\"]}'\n", "x = (n := env['x'])\n",
		"def f(env):\n    return f(env)\nf(f)\n", "def a(x):\n    return b(x)\ndef b(y):\n    return a(y)['m']\n",
		"\xff\xfe", "é = env['x']\n", "u'\\\n'", "rb'''\n", "lambda env: env['x']\n", "[env for env in env]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, major := range []int{0, 9, 17} {
			checkResult(t, src, Analyze("fuzz.py", src, Options{Major: major}))
		}
		scanned := scanWith(src, Options{Major: 17})
		scanned.Fallback = "scanned" // scanWith leaves the reason to Analyze
		checkResult(t, src, scanned)
	})
}

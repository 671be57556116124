package pystdlib

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/go-python/gpython/py"
)

func TestNamesAndInstall(t *testing.T) {
	want := []string{"collections", "copy", "functools", "itertools", "json", "re", "textwrap"}
	if got := Names(); !slices.Equal(got, want) {
		t.Fatalf("Names() = %v, want %v", got, want)
	}
	Install() // idempotent
	for _, name := range want {
		if py.GetModuleImpl(name) == nil {
			t.Errorf("%s is not registered", name)
		}
	}
	names := Names()
	names[0] = "mutated"
	if Names()[0] != "collections" {
		t.Error("Names() exposes its internal slice")
	}
}

// Every module imports in a fresh context with gpython's default
// __import__, and each context gets its own module instance.
func TestImportInFreshContexts(t *testing.T) {
	src := "import " + strings.Join(Names(), ", ") + "\nre.marker = 1\nprint('ok')\n"
	for i := 0; i < 2; i++ {
		if out := mustRun(t, src+"print(hasattr(json, 'marker'))"); out != "ok\nFalse\n" {
			t.Fatalf("run %d: %q", i, out)
		}
	}
	if out := mustRun(t, "import re\nprint(hasattr(re, 'marker'))"); out != "False\n" {
		t.Errorf("module state leaked between contexts: %q", out)
	}
}

// The documented differences from CPython, pinned so that a change is
// noticed (each is explained in doc.go or re_translate.go).
func TestDocumentedDifferences(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"dollar before final newline", `import re
print(re.search(r"\d+$", "12\n"))`, "None\n"}, // CPython matches '12'
		{"ascii word boundary", `import re
print(re.findall(r"\bb", "éb b"))`, "['b', 'b']\n"}, // CPython: ['b']
		{"empty match then non-empty at the same place", `import re
print(re.findall(r"|a", "a"))`, "['', '']\n"}, // CPython: ['', 'a', '']
		{"lookahead refused", `import re
try:
    re.compile(r"a(?=b)")
except re.error as e:
    print(e)`, "look-ahead assertion (?=...) is not supported by the Go RE2 engine at position 1\n"},
		{"backreference refused", `import re
try:
    re.sub(r"(a)\1", "", "aa")
except re.error as e:
    print(e)`, "backreference \\1 is not supported by the Go RE2 engine at position 3\n"},
		{"dict keys sorted by dumps", `import json
d = {}
for k in ["z", "a", "m"]:
    d[k] = 1
print(json.dumps(d))`, "{\"a\": 1, \"m\": 1, \"z\": 1}\n"}, // CPython: insertion order
		{"mapping classes are not subclassable", `import collections
try:
    class D(collections.OrderedDict):
        pass
except TypeError as e:
    print(e)`, "type 'OrderedDict' is not an acceptable base type\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := mustRun(t, tc.src); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// Contexts run concurrently (the worker runs one script per context);
// the shared regexp cache and classes must stay race-free (go test -race).
func TestConcurrentContexts(t *testing.T) {
	src := `
import re, json, collections, itertools, functools
c = collections.Counter(re.findall(r"\w+", "a b a c b a"))
nt = collections.namedtuple("Row", "id name")
rows = [nt(i, "n" + str(i)) for i in range(5)]
cached = functools.lru_cache(maxsize=4)(lambda x: x * 2)
total = functools.reduce(lambda a, b: a + b, [cached(r.id) for r in rows])
print(json.dumps(c.most_common(2)), total, list(itertools.islice(itertools.cycle("ab"), 3)))
`
	want := "[[\"a\", 3], [\"b\", 2]] 20 ['a', 'b', 'a']\n"
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 5; i++ {
				out, err := runPy(src)
				if err != nil || out != want {
					errs <- fmt.Errorf("goroutine %d run %d: %q, %v", g, i, out, err)
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// A compiled pattern is cached and shared; purge empties the cache.
func TestPatternCache(t *testing.T) {
	purgeCache()
	a, err := compilePattern(`\d+`, 0)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := compilePattern(`\d+`, 0)
	c, _ := compilePattern(`\d+`, flagIgnoreCase)
	if a != b || a == c {
		t.Error("cache keyed wrongly on (pattern, flags)")
	}
	purgeCache()
	if d, _ := compilePattern(`\d+`, 0); d == a {
		t.Error("purge kept the entry")
	}
	if _, err := compilePattern(`(?=x)`, 0); err == nil {
		t.Error("an error was cached as a pattern")
	}
}

func TestRuneOffsets(t *testing.T) {
	for _, s := range []string{"", "abc", "héllo wörld", "\U0001F600x", "a\xffb"} {
		off := newRuneOffsets(s)
		c := 0
		for b := range s {
			if off.char(b) != c || off.byteOf(c) != b {
				t.Errorf("%q: byte %d <-> char %d mismatch (%d, %d)", s, b, c, off.char(b), off.byteOf(c))
			}
			c++
		}
		if off.runes() != c || off.char(len(s)) != c || off.byteOf(c) != len(s) || off.byteOf(c+10) != len(s) {
			t.Errorf("%q: end conversions wrong", s)
		}
	}
}

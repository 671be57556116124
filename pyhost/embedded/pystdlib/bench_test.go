package pystdlib

import (
	"strconv"
	"strings"
	"testing"

	"github.com/go-python/gpython/py"
)

// moduleFunc returns a module function as scripts see it, from a fresh
// context.
func moduleFunc(b *testing.B, module, name string) py.Object {
	b.Helper()
	Install()
	ctx := py.NewContext(py.ContextOpts{SysPaths: []string{}})
	b.Cleanup(func() { ctx.Close() })
	m, err := ctx.ModuleInit(py.GetModuleImpl(module))
	if err != nil {
		b.Fatal(err)
	}
	return m.Globals[name]
}

// benchText is about 1 KB of log-like text with words, numbers, mail
// addresses and runs of spaces.
func benchText() py.String {
	var sb strings.Builder
	for i := 0; sb.Len() < 1024; i++ {
		sb.WriteString("partner  " + strconv.Itoa(i) + " user" + strconv.Itoa(i) + "@example  moved to\tstage_" + strconv.Itoa(i%7) + " ")
	}
	return py.String(sb.String()[:1024])
}

func BenchmarkReSub1KB(b *testing.B) {
	sub := moduleFunc(b, "re", "sub")
	text := benchText()
	for _, bc := range []struct {
		name, pattern, repl string
	}{
		{"whitespace", `\s+`, " "},
		{"groups", `(\w+)@(\w+)`, `\2 at \1`},
		{"word-boundary", `\b\d+\b`, "N"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			args := py.Tuple{py.String(bc.pattern), py.String(bc.repl), text}
			b.SetBytes(int64(len(text)))
			for i := 0; i < b.N; i++ {
				if _, err := py.Call(sub, args, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkJSONDumps100Keys(b *testing.B) {
	dumps := moduleFunc(b, "json", "dumps")
	dict := py.StringDict{}
	od := newMapping(kindOrderedDict)
	for i := 0; i < 100; i++ {
		var v py.Object
		switch i % 4 {
		case 0:
			v = py.Int(i * 1000)
		case 1:
			v = py.String("value é " + strconv.Itoa(i))
		case 2:
			v = py.Float(float64(i) / 7)
		default:
			v = py.NewListFromItems([]py.Object{py.Int(i), py.None, py.True})
		}
		key := "field_" + strconv.Itoa(i)
		dict[key] = v
		if err := od.setItem(py.String(key), v); err != nil {
			b.Fatal(err)
		}
	}
	for _, bc := range []struct {
		name   string
		obj    py.Object
		kwargs py.StringDict
	}{
		{"dict", dict, nil},
		{"dict-indent", dict, py.StringDict{"indent": py.Int(2)}},
		{"OrderedDict", od, nil},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := py.Call(dumps, py.Tuple{bc.obj}, bc.kwargs); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

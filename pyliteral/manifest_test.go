package pyliteral

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func readManifest(tb testing.TB, dir, name string) []byte {
	tb.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", dir, name))
	if err != nil {
		tb.Fatal(err)
	}
	return src
}

func TestManifest(t *testing.T) {
	src := readManifest(t, "sale_custom", "__manifest__.py")
	// The same file saved on Windows, with a BOM, must read the same.
	crlf := append([]byte("\ufeff"), bytes.ReplaceAll(src, []byte("\n"), []byte("\r\n"))...)
	for name, src := range map[string][]byte{"LF": src, "BOM+CRLF": crlf} {
		t.Run(name, func(t *testing.T) {
			m, err := Parse(src)
			if err != nil {
				t.Fatal(err)
			}
			if m.Kind != Dict || m.Pos != (Pos{7, 1}) {
				t.Fatalf("manifest is %v at %v, want dict at 7:1", m.Kind, m.Pos)
			}
			str := func(key string) string {
				v := m.Lookup(key)
				if v == nil {
					t.Fatalf("no %q", key)
				}
				return v.PyStr()
			}
			for key, want := range map[string]string{
				"name":                  "Sale Custom",
				"version":               "17.0.1.2.0",
				"license":               "LGPL-3",
				"depends":               "['sale', 'stock']",
				"demo":                  "[]",
				"external_dependencies": "{'python': ['xlrd']}",
				"assets":                "{'web.assets_backend': ['x/static/src/**/*']}",
				"installable":           "True",
				"auto_install":          "False",
			} {
				if got := str(key); got != want {
					t.Errorf("%s = %q, want %q", key, got, want)
				}
			}
			wantDesc := "\nSale Custom\n===========\n\n* Adds a *delivery window* to quotations.\n" +
				"* Prints the window on the delivery slip — with a \"quoted\" note.\n    "
			if got := str("description"); got != wantDesc {
				t.Errorf("description = %q, want %q", got, wantDesc)
			}
			data := m.Lookup("data")
			if data.Kind != List || len(data.Items) != 6 {
				t.Fatalf("data = %s", data.PyStr())
			}
			if d := data.Items[4]; d.Str != "views/stock_picking_views.xml" || d.Pos != (Pos{31, 9}) {
				t.Errorf("data[4] = %q at %v", d.Str, d.Pos)
			}
			if !m.Lookup("installable").Truthy() || m.Lookup("auto_install").Truthy() || m.Lookup("missing") != nil {
				t.Error("installable/auto_install/missing")
			}
			// Key positions, for error reporting by callers.
			for i, want := range []struct {
				key string
				pos Pos
			}{{"name", Pos{8, 5}}, {"version", Pos{9, 5}}, {"summary", Pos{10, 5}}, {"description", Pos{11, 5}}} {
				if k := m.Keys[i]; k.Str != want.key || k.Pos != want.pos {
					t.Errorf("key %d = %q at %v, want %q at %v", i, k.Str, k.Pos, want.key, want.pos)
				}
			}
			if v := m.Lookup("depends"); v.Pos != (Pos{22, 16}) {
				t.Errorf("depends at %v", v.Pos)
			}
		})
	}
}

func TestLegacyManifest(t *testing.T) {
	m, err := Parse(readManifest(t, "legacy_module", "__openerp__.py"))
	if err != nil {
		t.Fatal(err)
	}
	v := m.Lookup("version")
	if v.Kind != Float || v.Float != 1.1 || v.PyStr() != "1.1" {
		t.Errorf("version = %v %s", v.Kind, v.PyStr())
	}
	if got := m.Lookup("author").PyStr(); got != "Société Exemple" {
		t.Errorf("author = %q", got)
	}
	if got := m.Lookup("active").PyStr(); got != "False" {
		t.Errorf("active = %q", got)
	}
}

func TestBrokenManifest(t *testing.T) {
	src := string(readManifest(t, "sale_custom", "__manifest__.py"))
	for _, tc := range []struct {
		old, new string
		want     string
	}{
		{"'installable': True", "'installable': true", `line 39, column 20: name "true" is not a literal`},
		{"'sale', 'stock',", "'sale' 'stock' 'mrp',,", "line 22, column 38: unexpected ','"},
		{"'demo': [],", "'demo': [] + [],", "line 34, column 16: operator + is only allowed"},
		{"'version': '17.0.1.2.0',", "'version': '17.0.1.2.0'", "line 10, column 14: expected ',' or '}', got ':' (missing comma before the string at line 10, column 5?"},
		{"    'auto_install': False,\n}", "    'auto_install': False,\n", `line 7, column 1: "{" was never closed`},
		{"'name': \"Sale Custom\"", "'name': f\"Sale {x}\"", "line 8, column 13: f-strings are not literals"},
	} {
		broken := strings.Replace(src, tc.old, tc.new, 1)
		if broken == src {
			t.Fatalf("%q not found", tc.old)
		}
		_, err := Parse([]byte(broken))
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("replacing %q: error %v, want %q", tc.old, err, tc.want)
		}
	}
}

func BenchmarkParseManifest(b *testing.B) {
	src := readManifest(b, "sale_custom", "__manifest__.py")
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(src); err != nil {
			b.Fatal(err)
		}
	}
}

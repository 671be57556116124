package discover

import (
	"errors"
	"strings"
	"testing"
)

func TestParseManifest(t *testing.T) {
	tests := []struct {
		name, src string
		want      Manifest
	}{
		{"defaults", `{}`, Manifest{Version: "1.0", Installable: true, Depends: []string{}}},
		{"full", `# -*- coding: utf-8 -*-
{
    'name': "Sale Custom",
    'version': '17.0.1.2.0',
    'depends': ['sale', 'stock',],   # trailing comma
    'description': """
Multi-line
""",
    'installable': True,
    'external_dependencies': {'python': ['xlrd']},
}
`, Manifest{Name: "Sale Custom", Version: "17.0.1.2.0", Installable: true, Depends: []string{"sale", "stock"}}},
		{"float version", `{'version': 1.1, 'depends': ('base',)}`, Manifest{Version: "1.1", Installable: true, Depends: []string{"base"}}},
		{"not installable", `{'installable': False, 'version': '16.0.1.0'}`, Manifest{Version: "16.0.1.0", Installable: false, Depends: []string{}}},
		{"installable falsy", `{'installable': 0}`, Manifest{Version: "1.0", Installable: false, Depends: []string{}}},
		{"last key wins", `{'version': '1.0', 'version': '2.0'}`, Manifest{Version: "2.0", Installable: true, Depends: []string{}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseManifest("m/__manifest__.py", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if got.Name != tt.want.Name || got.Version != tt.want.Version || got.Installable != tt.want.Installable ||
				strings.Join(got.Depends, ",") != strings.Join(tt.want.Depends, ",") {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestParseManifestErrors(t *testing.T) {
	tests := []struct {
		name, src string
		line      int
		msg       string
	}{
		{"missing comma", "{\n  'name': 'x'\n  'version': '1.0',\n}\n", 3, ""},
		{"list", "['a']", 1, "dict literal"},
		{"depends str", "{\n'depends': 'base',\n}", 2, "'depends' must be a list"},
		{"depends int", "{'depends': ['base',\n 42]}", 2, "module names"},
		{"call", "{'version': get_version()}", 1, ""},
		{"empty", "", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseManifest("m/__manifest__.py", []byte(tt.src))
			var me *ManifestError
			if !errors.As(err, &me) {
				t.Fatalf("want ManifestError, got %v", err)
			}
			if tt.line > 0 && me.Line != tt.line {
				t.Errorf("line %d, want %d (%v)", me.Line, tt.line, err)
			}
			if !strings.Contains(me.Error(), tt.msg) || !strings.HasPrefix(me.Error(), "m/__manifest__.py") {
				t.Errorf("message %q", me.Error())
			}
		})
	}
}

func FuzzParseManifest(f *testing.F) {
	f.Add([]byte(`{'name': 'x', 'version': '17.0.1.0', 'depends': ['base'], 'installable': True}`))
	f.Add([]byte("{\n'depends': ('a', 'b',), # c\n'version': 1.5}"))
	f.Add([]byte(`{"description": """x""", 'data': [1, 2.5, None, {'a': (1,)}]}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		m, err := ParseManifest("f", src)
		if err == nil && m.Version == "" && !strings.Contains(string(src), "version") {
			t.Fatalf("lost the default version: %+v", m)
		}
	})
}

package phases

import (
	"bytes"
	"encoding/json"
	"testing"
)

func stdJSON(t testing.TB, v any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return string(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}

func TestStepJSONMatchesEncodingJSON(t *testing.T) {
	steps := []Step{
		{Kind: ScriptStep, Module: "m", Version: "1.1", Phase: "pre", Script: "pre-a.py", Path: "/x/pre-a.py", Source: "migrations"},
		{Kind: LoadStep, Module: "m", Phase: "load"},
		{Kind: ScriptStep, Module: "m<&>", Version: "1.0\n", Phase: "post", Script: "post-\"q\"\\\t\x01\x7f é \u2028\u2029 \xff.py", Path: "/p", Source: "upgrade-path"},
		{Kind: ScriptStep, Module: "m", Version: "1.1", Phase: "post", Script: "post-orm.py", Path: "/x/post-orm.py", Source: "migrations",
			Needs: []string{"openupgradelib", "orm", "sql"}, ORM: []ORMUse{{Line: 12, Construct: `env["res.partner"]`}, {Line: 14, Construct: "env.ref(\"<x>\")\u2028"}},
			NeedsFallback: "gpython's parser cannot read the script (walrus operator at line 3)"},
		{Kind: ScriptStep, Module: "m", Version: "1.1", Phase: "pre", Script: "pre-a.py", Path: "/x/pre-a.py", Needs: []string{"sql"}},
	}
	for _, s := range steps {
		if got, want := string(s.appendJSON(nil)), stdJSON(t, s); got != want {
			t.Errorf("\n got %s\nwant %s", got, want)
		}
	}
}

func FuzzStepJSON(f *testing.F) {
	f.Add("m", "1.1", "pre-a.py", "/x")
	f.Add("", "\xff\xfe", "\u2028\"\\", "\x00")
	f.Fuzz(func(t *testing.T, module, version, script, path string) {
		s := Step{Kind: ScriptStep, Module: module, Version: version, Phase: "end", Script: script, Path: path, Source: "upgrades"}
		if len(module)%2 == 1 { // half the inputs also carry needs
			s.Needs, s.ORM, s.NeedsFallback = []string{script, path}, []ORMUse{{Line: len(path) - 3, Construct: version}}, module
		}
		if got, want := string(s.appendJSON(nil)), stdJSON(t, s); got != want {
			t.Fatalf("\n got %s\nwant %s", got, want)
		}
	})
}

package upgradeapi

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestUpgradeStateFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "req.json")
	s := &State{URL: "https://upgrade.odoo.com", Request: "10534", Key: "Aw7pItGVKFuZ_FOR3U8VFQ==", Step: StepCreated}
	if err := SaveState(p, s, true); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600: the file holds the key", st.Mode().Perm())
	}
	// create never replaces a state file: it may hold another request's key.
	err = SaveState(p, &State{URL: "https://x.example", Request: "1", Key: "k"}, true)
	if ExitCode(err) != ExitUsage || !strings.Contains(err.Error(), "exists already") {
		t.Errorf("second create: %v", err)
	}
	got, err := LoadState(p)
	if err != nil {
		t.Fatal(err)
	}
	if got.Request != "10534" || got.Key != s.Key || got.Version != 1 {
		t.Errorf("loaded %+v", got)
	}
	got.Step = StepUploaded
	if err := SaveState(p, got, false); err != nil {
		t.Fatal(err)
	}
	if again, _ := LoadState(p); again.Step != StepUploaded {
		t.Errorf("update lost: %+v", again)
	}
	entries, _ := os.ReadDir(filepath.Dir(p))
	if len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
	if _, err := LoadState(filepath.Join(t.TempDir(), "none.json")); ExitCode(err) != ExitFile {
		t.Errorf("missing state: %v", err)
	}
}

func TestUpgradeParseState(t *testing.T) {
	ok := `{"version":1,"url":"https://upgrade.odoo.com","request":"10534","key":"abc=="}`
	if _, err := ParseState([]byte(ok), "s.json"); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ in, err string }{
		{`{"version":2,"url":"https://a.b","request":"1","key":"k"}`, "version 2"},
		{`{"version":1,"url":"ftp://a.b","request":"1","key":"k"}`, "url"},
		{`{"version":1,"url":"https://a.b","request":"x","key":"k"}`, "request or key: --request"},
		{`{"version":1,"url":"https://a.b","request":"1","key":""}`, "--key is required"},
		{`{"version":1,"url":"https://a.b","request":"1","key":"k","step":"flying"}`, "unknown step"},
		{`{"version":1,"url":"https://a.b","request":"1","key":"k","kye":"x"}`, "unknown field"},
		{`{"version":1,"url":"https://a.b","request":"1","key":"k"} {}`, "data after"},
		{`not json`, "s.json"},
	} {
		if _, err := ParseState([]byte(tc.in), "s.json"); err == nil || !strings.Contains(err.Error(), tc.err) || !strings.Contains(err.Error(), "s.json") {
			t.Errorf("ParseState(%s) = %v, want an error naming s.json with %q", tc.in, err, tc.err)
		}
	}
}

func FuzzParseState(f *testing.F) {
	f.Add([]byte(`{"version":1,"url":"https://upgrade.odoo.com","request":"10534","key":"abc==","step":"uploaded"}`))
	f.Add([]byte(`{"version":1}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := ParseState(b, "fuzz")
		if err != nil {
			return
		}
		if s.Credentials().Validate() != nil || s.Version != 1 {
			t.Fatalf("accepted %+v", s)
		}
		if _, ok := stepOrder[s.Step]; !ok {
			t.Fatalf("accepted step %q", s.Step)
		}
	})
}

package jsonout

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func std(t testing.TB, v any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

func TestAppendStringMatchesEncodingJSON(t *testing.T) {
	for _, s := range []string{"", "plain/path/pre-a.py", "q\"b\\s", "\x00\x01\x1f\x7f", "\n\r\t\b\f", "é ü 中", "\u2028\u2029", "\xff\xfe", "a\xc3", "<&>"} {
		if got, want := string(AppendString(nil, s)), std(t, s); got != want {
			t.Errorf("%q: got %s, want %s", s, got, want)
		}
	}
}

func FuzzAppendString(f *testing.F) {
	f.Add("pre-a.py")
	f.Add("\xff\u2028\"\\\x00")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(AppendString(nil, s)), std(t, s); got != want {
			t.Fatalf("%q: got %s, want %s", s, got, want)
		}
	})
}

func TestWrite(t *testing.T) {
	items := []string{"a", "b\n", "c"}
	var buf bytes.Buffer
	err := Write(&buf, []Field{
		{Name: "series", Value: "17.0"},
		{Name: "none", N: 0, Elem: func(i int) any { return nil }},
		{Name: "skipped", Omit: true},
		{Name: "items", N: len(items), Elem: func(i int) any { return items[i] }},
		{Name: "fast", N: 5000, Append: func(b []byte, i int) []byte { return append(b, '1') }},
	})
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Series string
		None   []any
		Items  []string
		Fast   []int
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, buf.String()[:200])
	}
	if doc.Series != "17.0" || len(doc.None) != 0 || strings.Join(doc.Items, ",") != "a,b\n,c" || len(doc.Fast) != 5000 {
		t.Errorf("%+v", doc)
	}
	if strings.Contains(buf.String(), "skipped") {
		t.Error("omitted field written")
	}
	if !strings.HasPrefix(buf.String(), "{\"series\": \"17.0\",\n \"none\": [],\n \"items\": [\n  \"a\",\n  \"b\\n\",\n  \"c\"],\n") {
		t.Errorf("layout:\n%s", buf.String()[:80])
	}
}

type failWriter struct{ n int }

func (f *failWriter) Write(p []byte) (int, error) {
	if f.n += len(p); f.n > 100_000 {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}

func TestWriteReportsErrors(t *testing.T) {
	err := Write(&failWriter{}, []Field{{Name: "fast", N: 1_000_000, Append: func(b []byte, i int) []byte { return append(b, "12345"...) }}})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("got %v", err)
	}
}

func TestPlainASCII(t *testing.T) {
	for i := 0; i < 256; i++ {
		for _, at := range []int{0, 3, 7, 8, 15, 20} {
			b := []byte(strings.Repeat("a", 24))
			b[at] = byte(i)
			want := i >= 0x20 && i < 0x80 && i != '"' && i != '\\'
			if got := plainASCII(string(b)); got != want {
				t.Fatalf("byte %#x at %d: got %v", i, at, got)
			}
		}
	}
}

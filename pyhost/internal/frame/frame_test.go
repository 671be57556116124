package frame

import (
	"bytes"
	"io"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	for _, body := range []string{"", "{}", `["x","SELECT 1",null,false]`} {
		if err := Write(&buf, []byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	for _, want := range []string{"", "{}", `["x","SELECT 1",null,false]`} {
		got, err := Read(&buf)
		if err != nil || string(got) != want {
			t.Fatalf("Read = %q, %v; want %q", got, err, want)
		}
	}
	if _, err := Read(&buf); err != io.EOF {
		t.Errorf("at the end: %v", err)
	}
	if _, err := Read(bytes.NewReader([]byte{0xff, 0xff, 0xff, 0xff})); err == nil {
		t.Error("a 4 GiB length was accepted")
	}
	if _, err := Read(bytes.NewReader([]byte{0, 0, 0, 5, 'a'})); err != io.ErrUnexpectedEOF {
		t.Errorf("short body: %v", err)
	}
}

package sftpxfer

import (
	"bytes"
	"errors"
	"testing"
)

// errReaderAt fails every read, like a server that refuses them.
type errReaderAt struct{ err error }

func (e errReaderAt) ReadAt([]byte, int64) (int, error) { return 0, e.err }

func TestResumePoint(t *testing.T) {
	truth := testData(5 << 20)
	with := func(n int, edit func(b []byte)) []byte {
		b := bytes.Clone(truth[:n])
		if edit != nil {
			edit(b)
		}
		return b
	}
	big := 4 << 20 // larger than rewindWindow + headBlock
	for _, tc := range []struct {
		name           string
		partial        []byte
		resume, diffAt int64
	}{
		{"empty", nil, 0, -1},
		{"small prefix", with(1000, nil), 1000, -1},
		{"large prefix", with(big, nil), int64(big), -1},
		{"complete", with(len(truth), nil), int64(len(truth)), -1},
		{"hole in window", with(big, func(b []byte) { clear(b[big-5000 : big-4000]) }), int64(big - 5000), -1},
		{"two holes", with(big, func(b []byte) { clear(b[big-rewindWindow : big-rewindWindow+10]); clear(b[big-10:]) }), int64(big - rewindWindow), -1},
		{"hole in small file", with(1000, func(b []byte) { clear(b[10:20]) }), 10, -1},
		{"nonzero diff in window", with(big, func(b []byte) { b[big-1] ^= 2 }), 0, int64(big - 1)},
		{"nonzero diff after a hole", with(big, func(b []byte) { clear(b[big-100 : big-50]); b[big-10] ^= 2 }), 0, int64(big - 10)},
		{"head differs", with(big, func(b []byte) { b[7] ^= 2 }), 0, 7},
		{"zero in head is not a hole", with(big, func(b []byte) { b[7] = 0 }), 0, 7},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resume, diffAt, err := resumePoint(bytes.NewReader(truth), bytes.NewReader(tc.partial), int64(len(tc.partial)))
			if err != nil {
				t.Fatal(err)
			}
			if diffAt != tc.diffAt || (diffAt < 0 && resume != tc.resume) {
				t.Errorf("resume %d diffAt %d, want resume %d diffAt %d", resume, diffAt, tc.resume, tc.diffAt)
			}
		})
	}

	boom := errors.New("boom")
	if _, _, err := resumePoint(bytes.NewReader(truth), errReaderAt{boom}, 1000); !errors.Is(err, boom) {
		t.Errorf("read error: %v", err)
	}
	// A truth shorter than the partial file is a short read, not a match.
	if _, _, err := resumePoint(bytes.NewReader(truth[:10]), bytes.NewReader(truth[:100]), 100); err == nil {
		t.Error("short truth accepted")
	}
}

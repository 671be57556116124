// Package frame is the framing of the Python hosts' protocol: a 4-byte
// big-endian length, then that many bytes of JSON; and its error reply
// (ErrorReply). The parent (package pyhost), the CPython harness
// (harness.py) and the embedded worker (pyhost/embedded) all speak it;
// this is the Go side of it, once.
package frame

import (
	"encoding/binary"
	"fmt"
	"io"
)

// Max bounds one frame, so a corrupt length cannot make a reader
// allocate gigabytes.
const Max = 1 << 30

// Write writes body as one frame, in one write call.
func Write(w io.Writer, body []byte) error {
	buf := make([]byte, 4+len(body))
	binary.BigEndian.PutUint32(buf, uint32(len(body)))
	copy(buf[4:], body)
	_, err := w.Write(buf)
	return err
}

// Read reads one frame's body.
func Read(r io.Reader) ([]byte, error) {
	var head [4]byte
	if _, err := io.ReadFull(r, head[:]); err != nil {
		return nil, err
	}
	n := binary.BigEndian.Uint32(head[:])
	if n > Max {
		return nil, fmt.Errorf("frame of %d bytes: the peer is broken", n)
	}
	body := make([]byte, n)
	_, err := io.ReadFull(r, body)
	return body, err
}

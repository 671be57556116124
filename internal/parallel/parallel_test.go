package parallel

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
)

func TestFor(t *testing.T) {
	seen := make([]atomic.Int32, 1000)
	if err := For(context.Background(), len(seen), func(i int) { seen[i].Add(1) }); err != nil {
		t.Fatal(err)
	}
	for i := range seen {
		if seen[i].Load() != 1 {
			t.Fatalf("index %d ran %d times", i, seen[i].Load())
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := For(ctx, 10, func(int) {}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	if err := For(context.Background(), 0, func(int) { t.Fatal("called") }); err != nil {
		t.Fatal(err)
	}
}

func TestOrdered(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 1000} {
		var out bytes.Buffer
		err := Ordered(n, func(buf []byte, i int) []byte { return fmt.Appendf(buf, "%d,", i) },
			func(b []byte) error { out.Write(b); return nil })
		var want bytes.Buffer
		for i := range n {
			fmt.Fprintf(&want, "%d,", i)
		}
		if err != nil || out.String() != want.String() {
			t.Fatalf("n=%d: %v %q", n, err, out.String())
		}
	}
	boom := errors.New("disk full")
	calls := 0
	err := Ordered(1000, func(buf []byte, i int) []byte { return append(buf, 'x') },
		func([]byte) error {
			calls++
			if calls == 3 {
				return boom
			}
			return nil
		})
	if !errors.Is(err, boom) || calls != 3 {
		t.Errorf("err %v after %d calls", err, calls)
	}
}

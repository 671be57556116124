// Package parallel runs independent, index-addressed work on one worker
// per CPU. It owns no domain knowledge; discover uses it to scan modules
// and phases to build and encode schedules.
package parallel

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// For calls fn(0) … fn(n-1) on up to GOMAXPROCS workers. It stops handing
// out work once ctx is done and then returns ctx's error.
func For(ctx context.Context, n int, fn func(i int)) error {
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < min(n, runtime.GOMAXPROCS(0)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				fn(i)
			}
		}()
	}
	wg.Wait()
	return ctx.Err()
}

// Ordered produces n pieces of output in parallel and hands them to emit
// strictly in index order, keeping at most 2×GOMAXPROCS pieces in memory.
// produce may reuse the buffer it is given. Ordered stops at emit's first
// error and returns it.
func Ordered(n int, produce func(buf []byte, i int) []byte, emit func(b []byte) error) error {
	workers := runtime.GOMAXPROCS(0)
	type piece struct {
		b    []byte
		done chan struct{}
	}
	pieces := make([]piece, n)
	for i := range pieces {
		pieces[i].done = make(chan struct{})
	}
	// A worker takes a slot (a reusable buffer) before it claims an index,
	// so the lowest piece not yet emitted is always being produced by a
	// worker that holds a slot: no deadlock. Only emit returns slots.
	slots := make(chan []byte, 2*workers)
	for range cap(slots) {
		slots <- nil
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(n, workers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for buf := range slots {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				pieces[i].b = produce(buf[:0], i)
				close(pieces[i].done)
			}
		}()
	}
	var err error
	for i := range pieces {
		<-pieces[i].done
		if err = emit(pieces[i].b); err != nil {
			break
		}
		slots <- pieces[i].b
		pieces[i].b = nil
	}
	close(slots) // releases workers waiting for a slot
	wg.Wait()
	return err
}

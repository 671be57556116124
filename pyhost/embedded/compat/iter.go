package compat

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/go-python/gpython/py"
)

// gpython's for loop (vm do_FOR_ITER) ends the loop on ANY error from the
// iterator's __next__, not only StopIteration, and comprehensions and
// generator expressions compile to the same instruction: a generator
// that raises halfway silently ends the loop and the remaining rows are
// skipped. The source pre-pass therefore wraps every for-loop iterable,
// `for T in E` -> `for T in __mr_iter__(E)`, and the iterator returned
// here turns any error other than StopIteration into a Go panic carrying
// the error, which the loop cannot swallow. The embedded host recovers
// it and fails the script.

// IterationError is the value a loop iterator made by __mr_iter__ panics
// with when the underlying iterator raises anything but StopIteration.
// Err is the Python exception (a py.ExceptionInfo when it was raised by
// Python code, with its traceback).
//
// Code that recovers Go panics around calls into Python (as this
// package's builtins do) must let it through: it is recognised by its
// FatalToScript method, so a package need not import this one to test
// for it:
//
//	if f, ok := r.(interface{ FatalToScript() }); ok { panic(f) }
type IterationError struct {
	Err error
}

// FatalToScript marks the panic as one that must reach the host: a
// Python frame between the loop and the recover has been unwound without
// running its except and finally blocks, so the script cannot go on.
func (e *IterationError) FatalToScript() {}

func (e *IterationError) Unwrap() error { return e.Err }

func (e *IterationError) Error() string {
	var b strings.Builder
	b.WriteString("the iterator of a for loop raised ")
	b.WriteString(describeError(e.Err))
	var ei py.ExceptionInfo
	if errors.As(e.Err, &ei) {
		// gpython links the newest frame first; name where it was raised.
		if tb := ei.Traceback; tb != nil && tb.Frame != nil && tb.Frame.Code != nil {
			fmt.Fprintf(&b, " (in %s, %s line %d)", tb.Frame.Code.Name, tb.Frame.Code.Filename, tb.Lineno)
		}
	}
	b.WriteString("; gpython would have ended the loop silently, so the script is stopped")
	return b.String()
}

// describeError renders a Python exception as CPython's last traceback
// line does: "ValueError: message".
func describeError(err error) string {
	var exc *py.Exception
	var ei py.ExceptionInfo
	switch {
	case errors.As(err, &ei):
		if e, ok := ei.Value.(*py.Exception); ok {
			exc = e
		} else if ei.Type != nil {
			return ei.Type.Name
		}
	case errors.As(err, &exc):
	}
	if exc == nil || exc.Base == nil {
		return err.Error()
	}
	name := exc.Base.Name
	args, _ := exc.Args.(py.Tuple)
	switch len(args) {
	case 0:
		return name
	case 1:
		if s, err := py.StrAsString(args[0]); err == nil {
			if s == "" {
				return name
			}
			return name + ": " + s
		}
	}
	if s, err := py.StrAsString(args); err == nil {
		return name + ": " + s
	}
	return name
}

// loopIterType is the type of every iterator __mr_iter__ returns. The
// iterator lives only on the VM's stack, so one type name does.
var loopIterType = newGoType("iterator", "for-loop iterator (emitted by the source pre-pass as __mr_iter__)")

// failLoop panics with err unless it ends the iteration: StopIteration (the
// class, as gpython's own iterators return it, or an instance raised by
// Python code) passes through as the end of the loop.
func failLoop(err error) (py.Object, error) {
	if isStopIteration(err) {
		return nil, py.StopIteration
	}
	panic(&IterationError{Err: err})
}

// listLoop reads a list live by index, as CPython's list iterator does:
// items appended during the loop are visited (gpython's iterator
// snapshots the slice).
type listLoop struct {
	l    *py.List
	i    int
	done bool
}

func (it *listLoop) Type() *py.Type                { return loopIterType }
func (it *listLoop) M__iter__() (py.Object, error) { return it, nil }
func (it *listLoop) M__next__() (py.Object, error) {
	if it.done || it.i >= len(it.l.Items) {
		it.done = true // exhausted for good, as CPython's list iterator
		return nil, py.StopIteration
	}
	v := it.l.Items[it.i]
	it.i++
	if v == nil {
		return failLoop(errNil("for loop"))
	}
	return v, nil
}

type tupleLoop struct {
	t py.Tuple
	i int
}

func (it *tupleLoop) Type() *py.Type                { return loopIterType }
func (it *tupleLoop) M__iter__() (py.Object, error) { return it, nil }
func (it *tupleLoop) M__next__() (py.Object, error) {
	if it.i >= len(it.t) {
		return nil, py.StopIteration
	}
	v := it.t[it.i]
	it.i++
	if v == nil { // gpython's tuple concatenation bug leaves Go nils
		return failLoop(errNil("for loop"))
	}
	return v, nil
}

// keysLoop walks a dict's keys in sorted order, the order list(d) and
// d.keys() give here (gpython walks Go's random map order), and raises
// CPython's RuntimeError when the dict changes size during the loop.
type keysLoop struct {
	d    py.StringDict
	keys []string
	n, i int
}

func (it *keysLoop) Type() *py.Type                { return loopIterType }
func (it *keysLoop) M__iter__() (py.Object, error) { return it, nil }
func (it *keysLoop) M__next__() (py.Object, error) {
	if it.i > len(it.keys) {
		return nil, py.StopIteration
	}
	if len(it.d) != it.n { // checked first, as CPython does
		it.i = len(it.keys) + 1
		return failLoop(py.ExceptionNewf(py.RuntimeError, "dictionary changed size during iteration"))
	}
	if it.i == len(it.keys) {
		it.i++
		return nil, py.StopIteration
	}
	k := it.keys[it.i]
	it.i++
	return py.String(k), nil
}

// bytesLoop yields the byte values as ints: gpython's bytes are not
// iterable at all.
type bytesLoop struct {
	b py.Bytes
	i int
}

func (it *bytesLoop) Type() *py.Type                { return loopIterType }
func (it *bytesLoop) M__iter__() (py.Object, error) { return it, nil }
func (it *bytesLoop) M__next__() (py.Object, error) {
	if it.i >= len(it.b) {
		return nil, py.StopIteration
	}
	v := py.Int(it.b[it.i])
	it.i++
	return v, nil
}

// strLoop yields the characters of a str, decoding as it goes (gpython
// iterates a str through __getitem__, which re-walks the string per
// index).
type strLoop struct {
	s string
	i int
}

func (it *strLoop) Type() *py.Type                { return loopIterType }
func (it *strLoop) M__iter__() (py.Object, error) { return it, nil }
func (it *strLoop) M__next__() (py.Object, error) {
	if it.i >= len(it.s) {
		return nil, py.StopIteration
	}
	_, n := utf8.DecodeRuneInString(it.s[it.i:])
	v := py.String(it.s[it.i : it.i+n])
	it.i += n
	return v, nil
}

// goLoop wraps an iterator implemented in Go (generators, range, zip,
// enumerate, map, the cursor, ...).
type goLoop struct{ next py.I__next__ }

func (it *goLoop) Type() *py.Type                { return loopIterType }
func (it *goLoop) M__iter__() (py.Object, error) { return it, nil }
func (it *goLoop) M__next__() (py.Object, error) {
	v, err := it.next.M__next__()
	if err != nil {
		return failLoop(err)
	}
	if v == nil {
		return failLoop(errNil("for loop"))
	}
	return v, nil
}

// pyLoop wraps an iterator whose __next__ is Python code (an instance of
// a user class).
type pyLoop struct{ it py.Object }

func (it *pyLoop) Type() *py.Type                { return loopIterType }
func (it *pyLoop) M__iter__() (py.Object, error) { return it, nil }
func (it *pyLoop) M__next__() (py.Object, error) {
	v, err := py.Next(it.it)
	if err != nil {
		return failLoop(err)
	}
	if v == nil {
		return failLoop(errNil("for loop"))
	}
	return v, nil
}

// mrIter is __mr_iter__(o): the iterator a for loop over o uses. An
// object that is not iterable raises TypeError here, at the loop's
// start, as CPython's GET_ITER does.
func mrIter(o py.Object) (py.Object, error) {
	switch x := o.(type) {
	case nil:
		return nil, errNil("for loop")
	case *py.List:
		return &listLoop{l: x}, nil
	case py.Tuple:
		return &tupleLoop{t: x}, nil
	case py.StringDict:
		return &keysLoop{d: x, keys: sortedKeys(x), n: len(x)}, nil
	case py.Bytes:
		return &bytesLoop{b: x}, nil
	case py.String:
		return &strLoop{s: string(x)}, nil
	}
	it, err := py.Iter(o)
	if err != nil {
		return nil, err
	}
	if it == nil {
		return nil, errNil("for loop")
	}
	if n, ok := it.(py.I__next__); ok {
		return &goLoop{next: n}, nil
	}
	if inst := userInstance(it); inst != nil && userSpecial(inst.Type(), "__next__") != nil {
		return &pyLoop{it: it}, nil
	}
	return nil, typeErrorf("iter() returned non-iterator of type '%s'", typeName(it))
}

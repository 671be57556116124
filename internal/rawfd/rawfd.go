// Package rawfd reads and writes a descriptor (the run's PostgreSQL
// socket, a host's pipe) with plain system calls, outside the Go
// runtime's network poller, waiting like libpq does: in poll(2), in the
// calling thread. It exists for speed: a script's statements are short
// round trips, and through the poller each one paid a thread hand-off
// and a wake-up of another thread. Measured on the project's 2-core VM,
// pinned to one CPU, 10,000 single-row UPDATEs on the Go cursor alone
// (BenchmarkCursor10kUpdates in package sqlexec): 83–87 µs a statement
// through the poller, 70–73 µs with a Conn; through the embedded host's
// direct lane 90–101 µs before, 72–80 µs after.
//
// It owns that one way of waiting. It does not own what travels on the
// descriptors (packages runner, pyhost, pyhost/internal/lane, sqlexec).
package rawfd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"sync"
	"syscall"
	"time"
	"unsafe"

	"github.com/jackc/pgx/v5/pgconn"
	"golang.org/x/sys/unix"
)

// Conn is a socket or pipe read and written with plain system calls,
// outside the Go runtime's network poller. The run's connection and the
// embedded worker's direct lane use it (package pyhost/internal/lane):
//
//   - In the worker, a read that would block first waits in a raw
//     ppoll(2) (see wait), as libpq waits in poll(2): the worker's one
//     goroutine keeps its P, so no thread hand-off and no wake-up of the
//     runtime's monitor thread is added to each statement.
//   - In the parent (Dial), the socket is in no epoll set, so the
//     worker's traffic on the shared socket wakes no thread of the
//     parent. With the socket in the parent's poller, every reply the
//     worker reads woke the parent's poller thread whenever the parent
//     had a timer pending (a --script-timeout) or a goroutine waiting in
//     the poller: one more context switch per statement.
//
// Deadlines are honoured (pgconn cancels a query by setting one in the
// past): a wait also polls a wake-up pipe, which SetDeadline and Close
// write to.
type Conn struct {
	local, remote net.Addr

	mu            sync.Mutex
	fd            int
	wakeR, wakeW  int
	closed        bool
	active        int // reads and writes in progress; the last one out of a closed conn closes the descriptors
	readDeadline  time.Time
	writeDeadline time.Time
}

// New takes ownership of fd, a connected stream socket or a pipe's end.
func New(fd int) (*Conn, error) {
	// Non-blocking: the socket's flags are shared with the other process,
	// whose runtime expects it so.
	if err := unix.SetNonblock(fd, true); err != nil {
		return nil, fmt.Errorf("rawfd: %w", err)
	}
	var p [2]int
	if err := unix.Pipe2(p[:], unix.O_NONBLOCK|unix.O_CLOEXEC); err != nil {
		return nil, fmt.Errorf("rawfd: pipe2: %w", err)
	}
	c := &Conn{fd: fd, wakeR: p[0], wakeW: p[1]}
	if sa, err := unix.Getsockname(fd); err == nil {
		c.local = sockaddr(sa)
	}
	if sa, err := unix.Getpeername(fd); err == nil {
		c.remote = sockaddr(sa)
	}
	return c, nil
}

// FD calls f with c's descriptor, which stays open meanwhile.
func (c *Conn) FD(f func(fd int)) error {
	if err := c.enter(); err != nil {
		return err
	}
	defer c.leave()
	f(c.fd)
	return nil
}

// Dial wraps a pgconn DialFunc (nil: pgconn's default, a plain
// net.Dialer) for the run's connection: it dials, then moves the socket
// out of the runtime's poller into an Conn (see there for why). A
// connection that is not a socket is returned as it is.
func Dial(dial pgconn.DialFunc) pgconn.DialFunc {
	if dial == nil {
		dial = (&net.Dialer{}).DialContext
	}
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		nc, err := dial(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		switch nc.(type) {
		case *net.TCPConn, *net.UnixConn:
			return fromNetConn(nc)
		}
		return nc, nil
	}
}

func fromNetConn(nc net.Conn) (net.Conn, error) {
	defer nc.Close() // its descriptor only: the duplicate keeps the socket
	sc := nc.(syscall.Conn)
	raw, err := sc.SyscallConn()
	if err != nil {
		return nil, fmt.Errorf("rawfd: %w", err)
	}
	fd, dupErr := -1, error(nil)
	if err := raw.Control(func(s uintptr) { fd, dupErr = unix.FcntlInt(s, unix.F_DUPFD_CLOEXEC, 0) }); err != nil {
		return nil, fmt.Errorf("rawfd: %w", err)
	}
	if dupErr != nil {
		return nil, fmt.Errorf("rawfd: dup: %w", dupErr)
	}
	c, err := New(fd)
	if err != nil {
		unix.Close(fd)
		return nil, err
	}
	return c, nil
}

func sockaddr(sa unix.Sockaddr) net.Addr {
	switch a := sa.(type) {
	case *unix.SockaddrInet4:
		return &net.TCPAddr{IP: a.Addr[:], Port: a.Port}
	case *unix.SockaddrInet6:
		return &net.TCPAddr{IP: a.Addr[:], Port: a.Port}
	case *unix.SockaddrUnix:
		return &net.UnixAddr{Name: a.Name, Net: "unix"}
	}
	return nil
}

// enter starts a read or write; it fails on a closed conn.
func (c *Conn) enter() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return net.ErrClosed
	}
	c.active++
	return nil
}

func (c *Conn) leave() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.active--
	if c.closed && c.active == 0 {
		c.release()
	}
}

// release closes the descriptors; c.mu is held.
func (c *Conn) release() {
	if c.fd >= 0 {
		unix.Close(c.fd)
		unix.Close(c.wakeR)
		unix.Close(c.wakeW)
		c.fd = -1
	}
}

// wake interrupts a wait, which then looks at the deadlines again.
func (c *Conn) wake() { _, _ = unix.Write(c.wakeW, []byte{0}) }

func (c *Conn) deadline(write bool) (time.Time, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if write {
		return c.writeDeadline, c.closed
	}
	return c.readDeadline, c.closed
}

// spinSlice bounds how long a read waits in a raw ppoll (see wait).
const spinSlice = 5 * time.Millisecond

// wait blocks until the socket is ready for events, the deadline passes
// or the conn is closed.
//
// A read first waits in a raw ppoll(2) of at most spinSlice, which the
// Go scheduler does not see: the calling goroutine keeps its P, so the
// runtime neither hands the P to another thread nor wakes its monitor
// thread when the reply arrives. A reply slower than the slice (a long
// statement), and any wait to write, continue in a poll(2) the scheduler
// knows about, so that no other goroutine (pgconn's background reader,
// a context watcher, the garbage collector) waits long behind a P held
// in the kernel.
func (c *Conn) wait(events int16, write bool) error {
	raw := !write
	for {
		deadline, closed := c.deadline(write)
		if closed {
			return net.ErrClosed
		}
		timeout := -1
		if !deadline.IsZero() {
			d := time.Until(deadline)
			if d <= 0 {
				return os.ErrDeadlineExceeded
			}
			timeout = int((d + time.Millisecond - 1) / time.Millisecond)
		}
		fds := []unix.PollFd{{Fd: int32(c.fd), Events: events}, {Fd: int32(c.wakeR), Events: unix.POLLIN}}
		var err error
		if raw {
			raw = false
			slice := int(spinSlice / time.Millisecond)
			if timeout < 0 || timeout > slice {
				timeout = slice
			}
			err = rawPoll(fds, timeout)
		} else {
			_, err = unix.Poll(fds, timeout)
		}
		if err != nil && !errors.Is(err, unix.EINTR) {
			return err
		}
		if fds[1].Revents != 0 {
			var buf [64]byte
			for {
				if n, _ := unix.Read(c.wakeR, buf[:]); n <= 0 {
					break
				}
			}
		}
		if fds[0].Revents != 0 {
			return nil
		}
	}
}

func (c *Conn) Read(b []byte) (int, error) {
	if len(b) == 0 {
		return 0, nil
	}
	if err := c.enter(); err != nil {
		return 0, err
	}
	defer c.leave()
	for {
		n, err := rawIO(unix.SYS_READ, c.fd, b)
		switch {
		case err == nil && n == 0:
			return 0, io.EOF
		case err == nil:
			return n, nil
		case errors.Is(err, unix.EINTR):
			continue
		case errors.Is(err, unix.EAGAIN):
			if err := c.wait(unix.POLLIN, false); err != nil {
				return 0, c.opError("read", err)
			}
			continue
		}
		return 0, c.opError("read", err)
	}
}

func (c *Conn) Write(b []byte) (int, error) {
	if len(b) == 0 {
		return 0, nil
	}
	if err := c.enter(); err != nil {
		return 0, err
	}
	defer c.leave()
	written := 0
	for written < len(b) {
		n, err := rawIO(unix.SYS_WRITE, c.fd, b[written:])
		switch {
		case err == nil:
			written += n
			continue
		case errors.Is(err, unix.EINTR):
			continue
		case errors.Is(err, unix.EAGAIN):
			if err := c.wait(unix.POLLOUT, true); err != nil {
				return written, c.opError("write", err)
			}
			continue
		}
		return written, c.opError("write", err)
	}
	return written, nil
}

func (c *Conn) opError(op string, err error) error {
	if errors.Is(err, net.ErrClosed) {
		return err
	}
	return &net.OpError{Op: op, Net: "tcp", Source: c.local, Addr: c.remote, Err: err}
}

// Close closes this process's descriptor (the other process's stays
// open). A read or write in progress returns net.ErrClosed.
func (c *Conn) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return net.ErrClosed
	}
	c.closed = true
	if c.active == 0 {
		c.release()
	} else {
		c.wake()
	}
	return nil
}

func (c *Conn) LocalAddr() net.Addr  { return c.local }
func (c *Conn) RemoteAddr() net.Addr { return c.remote }

func (c *Conn) SetDeadline(t time.Time) error {
	return c.setDeadline(func() { c.readDeadline, c.writeDeadline = t, t })
}

func (c *Conn) SetReadDeadline(t time.Time) error {
	return c.setDeadline(func() { c.readDeadline = t })
}

func (c *Conn) SetWriteDeadline(t time.Time) error {
	return c.setDeadline(func() { c.writeDeadline = t })
}

func (c *Conn) setDeadline(set func()) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return net.ErrClosed
	}
	set()
	if c.active > 0 {
		c.wake()
	}
	return nil
}

// rawIO and rawPoll are system calls the scheduler does not see (see
// wait): reads and writes never block (the socket is non-blocking), and
// rawPoll blocks for spinSlice at most.
func rawIO(trap uintptr, fd int, b []byte) (int, error) {
	n, _, e := unix.RawSyscall(trap, uintptr(fd), uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)))
	if e != 0 {
		return 0, e
	}
	return int(n), nil
}

func rawPoll(fds []unix.PollFd, timeoutMS int) error {
	ts := unix.NsecToTimespec(int64(timeoutMS) * int64(time.Millisecond))
	_, _, e := unix.RawSyscall6(unix.SYS_PPOLL, uintptr(unsafe.Pointer(&fds[0])), uintptr(len(fds)), uintptr(unsafe.Pointer(&ts)), 0, 0, 0)
	if e != 0 {
		return e
	}
	return nil
}

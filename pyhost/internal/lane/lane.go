// Package lane is the embedded host's direct lane to PostgreSQL: the
// parent hands the worker its own connection's socket (SCM_RIGHTS over a
// Unix socket pair), and the worker sends the script's statements
// straight to the server instead of through the parent, saving a process
// round trip on every statement. The transaction, the savepoint and the
// ledger stay the parent's: the two sides take turns on the socket, which
// the request/reply protocol already guarantees (the parent touches the
// connection only while the worker waits for its reply, and the worker
// only while the parent waits for the worker's next frame).
//
// What a turn-taking socket cannot survive is a worker killed in the
// middle of a statement: the stream may then hold half a message. So the
// worker raises a flag in a page of memory both processes map (a memfd)
// before it writes a statement, and lowers it once the server's reply is
// read up to ReadyForQuery. A dead worker with the flag lowered left the
// connection between two messages, and the parent carries on with it; with
// the flag raised the connection is lost, and the parent closes it, which
// rolls the open transaction back (Busy, Offer.Abandon).
//
// It owns the handing over and the flag. It does not own the connection
// (package runner opens it), the SQL rules (package sqlexec) nor the
// protocol frames (package pyhost and pyhost/embedded).
package lane

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"sync/atomic"
	"syscall"
	"unsafe"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgconn/ctxwatch"
	"github.com/jackc/pgx/v5/pgproto3"
	"golang.org/x/sys/unix"

	"github.com/migrate-runner/migrate-runner/internal/rawfd"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// The worker finds its two lane files at these descriptors (after the
// protocol's 3 and 4).
const (
	FlagFD   = 5
	SocketFD = 6
)

// Grant is what the parent tells the worker with a run request: which
// connection to use (Gen changes when the socket does; the socket itself
// travels on the Unix socket pair just before) and the session facts a
// pgconn needs to be rebuilt around it.
type Grant struct {
	Gen       int    `json:"gen"`
	PID       uint32 `json:"pid"`
	SecretKey []byte `json:"secret"`
	TxStatus  string `json:"tx"`
}

// flagPage maps the shared page and returns the flag word in it.
func flagPage(f *os.File) ([]byte, *uint32, error) {
	mem, err := unix.Mmap(int(f.Fd()), 0, os.Getpagesize(), unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED)
	if err != nil {
		return nil, nil, fmt.Errorf("lane: mmap: %w", err)
	}
	return mem, (*uint32)(unsafe.Pointer(&mem[0])), nil
}

// Offer is the parent's side.
type Offer struct {
	flagFile         *os.File // the memfd; the child gets it as FlagFD
	mem              []byte
	flag             *uint32
	sock             *os.File // the parent's end of the socket pair
	childSock        *os.File // the child's end, SocketFD
	handed           *pgconn.PgConn
	gen              int
	childFilesClosed bool
}

// NewOffer makes the shared page and the socket pair.
func NewOffer() (*Offer, error) {
	fd, err := unix.MemfdCreate("migrate-runner-lane", unix.MFD_CLOEXEC)
	if err != nil {
		return nil, fmt.Errorf("lane: memfd_create: %w", err)
	}
	flagFile := os.NewFile(uintptr(fd), "lane-flag")
	if err := unix.Ftruncate(fd, int64(os.Getpagesize())); err != nil {
		flagFile.Close()
		return nil, fmt.Errorf("lane: ftruncate: %w", err)
	}
	mem, flag, err := flagPage(flagFile)
	if err != nil {
		flagFile.Close()
		return nil, err
	}
	pair, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		unix.Munmap(mem)
		flagFile.Close()
		return nil, fmt.Errorf("lane: socketpair: %w", err)
	}
	return &Offer{flagFile: flagFile, mem: mem, flag: flag,
		sock: os.NewFile(uintptr(pair[0]), "lane-parent"), childSock: os.NewFile(uintptr(pair[1]), "lane-child")}, nil
}

// ChildFiles are the files the worker must get as FlagFD and SocketFD
// (exec.Cmd.ExtraFiles after the protocol's two pipes).
func (o *Offer) ChildFiles() []*os.File { return []*os.File{o.flagFile, o.childSock} }

// Started closes the parent's copies of the child's files once the child
// holds them.
func (o *Offer) Started() {
	if !o.childFilesClosed {
		o.childSock.Close()
		o.childFilesClosed = true
	}
}

// Usable tells whether conn can be handed over: a plain socket, best one
// made by rawfd.Dial. A TLS session's state cannot be shared between two
// processes, so over TLS the statements keep going through the parent.
func Usable(conn *pgconn.PgConn) bool {
	if conn == nil || conn.IsClosed() {
		return false
	}
	switch conn.Conn().(type) {
	case *tls.Conn:
		return false
	case *rawfd.Conn, syscall.Conn:
		return true
	}
	return false
}

// withFD calls f with conn's socket descriptor.
func withFD(conn net.Conn, f func(fd int)) error {
	switch c := conn.(type) {
	case *rawfd.Conn:
		return c.FD(f)
	case syscall.Conn:
		raw, err := c.SyscallConn()
		if err != nil {
			return err
		}
		return raw.Control(func(fd uintptr) { f(int(fd)) })
	}
	return fmt.Errorf("%T has no file descriptor", conn)
}

// Hand grants the worker conn for the next run, sending its socket first
// when it is not the one the worker already holds. The caller checked
// Usable.
func (o *Offer) Hand(conn *pgconn.PgConn) (Grant, error) {
	if conn != o.handed {
		var sendErr error
		err := withFD(conn.Conn(), func(fd int) {
			sendErr = unix.Sendmsg(int(o.sock.Fd()), []byte{1}, unix.UnixRights(fd), nil, 0)
		})
		if err == nil {
			err = sendErr
		}
		if err != nil {
			return Grant{}, fmt.Errorf("lane: hand the socket over: %w", err)
		}
		o.handed = conn
		o.gen++
	}
	return Grant{Gen: o.gen, PID: conn.PID(), SecretKey: conn.SecretKey(), TxStatus: string(conn.TxStatus())}, nil
}

// Busy tells whether the worker is (or died) in the middle of a statement.
func (o *Offer) Busy() bool { return atomic.LoadUint32(o.flag) != 0 }

// Abandon gives up conn after the worker died in the middle of a
// statement: the statement is cancelled (it may run for hours otherwise)
// and the socket closed without a word, since the stream may end in half
// a message. PostgreSQL then rolls the open transaction back.
func (o *Offer) Abandon(ctx context.Context, conn *pgconn.PgConn) {
	_ = conn.CancelRequest(ctx)
	_ = conn.Conn().Close()
	_ = conn.Close(ctx) // marks it closed; its Terminate cannot be sent any more
	o.handed = nil
	atomic.StoreUint32(o.flag, 0)
}

// Close releases the page and the sockets.
func (o *Offer) Close() {
	o.Started()
	o.sock.Close()
	unix.Munmap(o.mem)
	o.flagFile.Close()
}

// Lane is the worker's side.
type Lane struct {
	mem  []byte
	flag *uint32
	sock *os.File
	gen  int
	nc   *rawfd.Conn
	// Cursor sends the granted connection's statements; nil until the
	// first grant.
	Cursor *sqlexec.Cursor
}

// Open maps the flag and takes the socket pair's end: the files at
// FlagFD and SocketFD. It returns nil when the parent offers no lane
// (the descriptors are not there).
func Open() (*Lane, error) {
	flagFile, sockFile := os.NewFile(FlagFD, "lane-flag"), os.NewFile(SocketFD, "lane-socket")
	if flagFile == nil || sockFile == nil {
		return nil, nil
	}
	if _, err := flagFile.Stat(); err != nil {
		return nil, nil
	}
	return open(flagFile, sockFile)
}

// open is Open on given files; it keeps sockFile and closes flagFile
// (the mapping stays).
func open(flagFile, sockFile *os.File) (*Lane, error) {
	mem, flag, err := flagPage(flagFile)
	flagFile.Close()
	if err != nil {
		return nil, err
	}
	return &Lane{mem: mem, flag: flag, sock: sockFile}, nil
}

// Take makes g's connection the lane's, receiving its socket when it is
// a new one.
func (l *Lane) Take(g Grant) error {
	if g.Gen == l.gen {
		if l.Cursor == nil {
			return errors.New("lane: this connection could not be taken over (see the first script's error)")
		}
		return nil
	}
	// Each grant's socket arrives once: whatever happens below, a later
	// run with the same grant must not wait for it again.
	l.gen, l.Cursor = g.Gen, nil
	if l.nc != nil {
		l.nc.Close() // never pgconn.Close: its Terminate would end the parent's session
		l.nc = nil
	}
	buf, oob := make([]byte, 1), make([]byte, unix.CmsgSpace(4))
	n, oobn, _, _, err := unix.Recvmsg(int(l.sock.Fd()), buf, oob, unix.MSG_CMSG_CLOEXEC)
	if err != nil {
		return fmt.Errorf("lane: receive the socket: %w", err)
	}
	if n == 0 {
		return fmt.Errorf("lane: receive the socket: %w", io.EOF)
	}
	msgs, err := unix.ParseSocketControlMessage(oob[:oobn])
	if err != nil || len(msgs) != 1 {
		return fmt.Errorf("lane: receive the socket: bad control message (%v)", err)
	}
	fds, err := unix.ParseUnixRights(&msgs[0])
	if err != nil || len(fds) != 1 {
		return fmt.Errorf("lane: receive the socket: no descriptor (%v)", err)
	}
	nc, err := rawfd.New(fds[0])
	if err != nil {
		unix.Close(fds[0])
		return fmt.Errorf("lane: %w", err)
	}
	cfg := &pgconn.Config{
		BuildFrontend: func(r io.Reader, w io.Writer) *pgproto3.Frontend { return pgproto3.NewFrontend(r, w) },
		BuildContextWatcherHandler: func(c *pgconn.PgConn) ctxwatch.Handler {
			return &pgconn.DeadlineContextWatcherHandler{Conn: c.Conn()}
		},
	}
	tx := byte('T')
	if g.TxStatus != "" {
		tx = g.TxStatus[0]
	}
	conn, err := pgconn.Construct(&pgconn.HijackedConn{Conn: nc, PID: g.PID, SecretKey: g.SecretKey,
		ParameterStatuses: map[string]string{}, TxStatus: tx, Config: cfg})
	if err != nil {
		nc.Close()
		return fmt.Errorf("lane: %w", err)
	}
	l.nc = nc
	l.Cursor = sqlexec.NewCursorOn(flagged{l: l, conn: conn})
	return nil
}

// Close lets go of the lane (the worker's descriptors only).
func (l *Lane) Close() {
	if l.mem == nil {
		return
	}
	if l.nc != nil {
		l.nc.Close()
	}
	l.sock.Close()
	unix.Munmap(l.mem)
	l.mem, l.Cursor = nil, nil
}

// flagged is the lane's backend: every statement runs under the raised
// flag.
type flagged struct {
	l    *Lane
	conn *pgconn.PgConn
}

func (b flagged) Exec(ctx context.Context, sql string) (*sqlexec.Result, error) {
	atomic.StoreUint32(b.l.flag, 1)
	res, err := sqlexec.Exec(ctx, b.conn, sql)
	if !b.conn.IsClosed() {
		// Exec returns once ReadyForQuery is read (or the connection
		// broke, in which case the flag stays up: nothing is known).
		atomic.StoreUint32(b.l.flag, 0)
	}
	return res, err
}

package discover

import (
	"encoding/binary"
	"io/fs"
	"os"
	"strings"
	"sync"
	"syscall"
)

// dirHandle is an open directory. Children are opened relative to it, so
// the kernel does not walk the whole path again for each version folder.
type dirHandle struct {
	fd   int
	path string // for errors and for lstat on file systems without d_type
}

// openDir opens a directory by path.
func openDir(path string) (dirHandle, error) { return openDirAt(atFDCWD, path, path) }

// atFDCWD is Linux's AT_FDCWD, which package syscall does not export.
const atFDCWD = -0x64

// openChild opens the subdirectory name of d, whose path is path,
// following symlinks.
func (d dirHandle) openChild(name, path string) (dirHandle, error) {
	return openDirAt(d.fd, name, path)
}

func openDirAt(dirfd int, name, path string) (dirHandle, error) {
	for {
		fd, err := syscall.Openat(dirfd, name, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
		switch err {
		case nil:
			return dirHandle{fd: fd, path: path}, nil
		case syscall.EINTR:
			continue
		}
		return dirHandle{fd: -1}, &fs.PathError{Op: "open", Path: path, Err: err}
	}
}

func (d dirHandle) close() {
	if d.fd >= 0 {
		syscall.Close(d.fd)
	}
}

// list returns the entries sorted by name. It uses raw getdents64 calls:
// a tree of 5,000 modules means some 60,000 directories, and os.ReadDir
// spends as much time in its File bookkeeping (poller registration,
// finalizers, one allocation per entry) as in the kernel.
func (d dirHandle) list() ([]entry, error) {
	bufp := direntBufs.Get().(*[]byte)
	defer direntBufs.Put(bufp)
	buf := *bufp
	var out []entry
	for first := true; ; first = false {
		n, err := syscall.Getdents(d.fd, buf)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "getdents", Path: d.path, Err: err}
		}
		if n <= 0 {
			break
		}
		// One string per buffer: every name is a slice of it, which
		// saves an allocation per entry.
		if first {
			out = make([]entry, 0, n/24) // a record is at least 24 bytes
		}
		out = parseDirents(string(buf[:n]), d.path, out)
	}
	sortEntries(out)
	return out, nil
}

var direntBufs = sync.Pool{New: func() any { b := make([]byte, 32*1024); return &b }}

// linux_dirent64: d_ino u64, d_off s64, d_reclen u16, d_type u8, d_name.
const (
	direntReclen = 16
	direntType   = 18
	direntName   = 19
)

func parseDirents(buf string, dir string, out []entry) []entry {
	for len(buf) >= direntName {
		reclen := int(binary.NativeEndian.Uint16([]byte(buf[direntReclen : direntReclen+2])))
		if reclen < direntName || reclen > len(buf) {
			break // malformed record; the kernel never sends one
		}
		rec := buf[:reclen]
		buf = buf[reclen:]
		name := rec[direntName:]
		if i := strings.IndexByte(name, 0); i >= 0 {
			name = name[:i]
		}
		if name == "" || name == "." || name == ".." {
			continue
		}
		e := entry{name: name}
		switch rec[direntType] {
		case syscall.DT_DIR:
			e.typ = fs.ModeDir
		case syscall.DT_REG:
		case syscall.DT_LNK:
			e.typ = fs.ModeSymlink
		case syscall.DT_UNKNOWN: // some file systems do not fill d_type
			if st, err := os.Lstat(dir + "/" + e.name); err == nil {
				e.typ = st.Mode().Type()
			} else {
				e.typ = fs.ModeIrregular
			}
		default:
			e.typ = fs.ModeIrregular
		}
		out = append(out, e)
	}
	return out
}

// readFile reads a small file (a manifest) with plain system calls, for
// the same reason as dirHandle.list: os.ReadFile adds a poller
// registration, an fstat and fcntl calls per file. O_NONBLOCK keeps a
// FIFO planted as a manifest from hanging the run; it does nothing to
// regular files.
func readFile(path string) ([]byte, error) {
	const flags = syscall.O_RDONLY | syscall.O_CLOEXEC | syscall.O_NONBLOCK
	fd, err := syscall.Open(path, flags, 0)
	for err == syscall.EINTR {
		fd, err = syscall.Open(path, flags, 0)
	}
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	buf := make([]byte, 0, 4096)
	for {
		if len(buf) > maxManifest {
			return nil, &fs.PathError{Op: "read", Path: path, Err: errTooLarge}
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := syscall.Read(fd, buf[len(buf):cap(buf)])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: path, Err: err}
		}
		if n == 0 {
			return buf, nil
		}
		buf = buf[:len(buf)+n]
	}
}

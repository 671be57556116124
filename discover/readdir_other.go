//go:build !linux

package discover

import (
	"io/fs"
	"os"
	"syscall"
)

// dirHandle is a directory path: other systems use os.ReadDir.
type dirHandle struct{ path string }

func openDir(path string) (dirHandle, error) {
	st, err := os.Stat(path)
	if err == nil && !st.IsDir() {
		err = &fs.PathError{Op: "open", Path: path, Err: syscall.ENOTDIR}
	}
	return dirHandle{path: path}, err
}

func (d dirHandle) openChild(name, path string) (dirHandle, error) { return openDir(path) }
func (d dirHandle) close()                                         {}
func (d dirHandle) list() ([]entry, error)                         { return readDirPortable(d.path) }

func readFile(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err == nil && len(b) > maxManifest {
		return nil, &fs.PathError{Op: "read", Path: path, Err: errTooLarge}
	}
	return b, err
}

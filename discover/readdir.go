package discover

import (
	"errors"
	"io/fs"
	"os"
	"slices"
	"strings"
)

// entry is one directory entry: its name and its type bits as lstat
// would report them (fs.ModeDir, fs.ModeSymlink, 0 for a regular file).
type entry struct {
	name string
	typ  fs.FileMode
}

func (e entry) Name() string      { return e.name }
func (e entry) IsDir() bool       { return e.typ.IsDir() }
func (e entry) Type() fs.FileMode { return e.typ }

// sortEntries orders entries by name, bytewise, as os.ReadDir does.
func sortEntries(es []entry) {
	slices.SortFunc(es, func(a, b entry) int { return strings.Compare(a.name, b.name) })
}

// readDir lists a directory by path, sorted by name.
func readDir(path string) ([]entry, error) {
	d, err := openDir(path)
	if err != nil {
		return nil, err
	}
	defer d.close()
	return d.list()
}

// readDirPortable is os.ReadDir with entries in our form.
func readDirPortable(path string) ([]entry, error) {
	des, err := os.ReadDir(path)
	out := make([]entry, len(des))
	for i, d := range des {
		out[i] = entry{name: d.Name(), typ: d.Type()}
	}
	return out, err
}

// maxManifest bounds what is read of a manifest: real ones are a few
// kilobytes, and a hostile or mistaken multi-gigabyte file must not be
// read into memory.
const maxManifest = 8 << 20

var errTooLarge = errors.New("file larger than 8 MiB; not a manifest")

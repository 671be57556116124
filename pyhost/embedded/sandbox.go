package embedded

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/go-python/gpython/py"
)

// The sandbox: what a script may reach outside its own objects. By
// default nothing: no files, no processes, no environment, no imports
// from disk. --allow-fs DIR grants read access to DIR, for scripts that
// read a CSV or XML file that ships beside them. os keeps its pure path
// functions; every other os function raises PermissionError naming
// itself, so a script fails loudly at the line that needs more.

var (
	allowMu   sync.RWMutex
	allowDirs []string // absolute, symlinks resolved
)

// SetAllowedDirs sets the directories scripts may read (--allow-fs).
func SetAllowedDirs(dirs []string) error {
	var out []string
	for _, d := range dirs {
		abs, err := filepath.Abs(d)
		if err == nil {
			abs, err = filepath.EvalSymlinks(abs)
		}
		if err != nil {
			return fmt.Errorf("--allow-fs %s: %w", d, err)
		}
		if fi, err := os.Stat(abs); err != nil || !fi.IsDir() {
			return fmt.Errorf("--allow-fs %s: not a directory", d)
		}
		out = append(out, abs)
	}
	allowMu.Lock()
	allowDirs = out
	allowMu.Unlock()
	return nil
}

// readable resolves path (symlinks included, so a link cannot lead out)
// and says whether it lies inside an allowed directory.
func readable(path string) (string, error) {
	allowMu.RLock()
	dirs := allowDirs
	allowMu.RUnlock()
	if len(dirs) == 0 {
		return "", py.ExceptionNewf(py.PermissionError,
			"%s: the embedded host's sandbox allows no file access; --allow-fs DIR grants read access to DIR", path)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", py.ExceptionNewf(py.OSError, "%s: %v", path, err)
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		if os.IsNotExist(err) {
			return "", py.ExceptionNewf(py.FileNotFoundError, "[Errno 2] No such file or directory: '%s'", path)
		}
		return "", py.ExceptionNewf(py.OSError, "%s: %v", path, err)
	}
	for _, d := range dirs {
		if within(real, d) {
			return real, nil
		}
	}
	return "", py.ExceptionNewf(py.PermissionError,
		"%s: outside the directories --allow-fs grants (%s)", path, strings.Join(dirs, ", "))
}

// within tells whether path is dir or under it (both resolved).
func within(path, dir string) bool {
	return path == dir || strings.HasPrefix(path, dir+string(filepath.Separator))
}

// maxReadable bounds what open() reads into memory.
const maxReadable = 256 << 20

// sandboxOpen is open(): read-only, inside --allow-fs only. The file is
// read whole at open, so the object never holds a descriptor.
func sandboxOpen(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	var file, mode py.Object = nil, py.String("r")
	var buffering, encoding, errs, newline, closefd, opener py.Object = py.Int(-1), py.None, py.None, py.None, py.True, py.None
	if err := py.ParseTupleAndKeywords(args, kwargs, "O|OOOOOOO:open",
		[]string{"file", "mode", "buffering", "encoding", "errors", "newline", "closefd", "opener"},
		&file, &mode, &buffering, &encoding, &errs, &newline, &closefd, &opener); err != nil {
		return nil, err
	}
	name, ok := file.(py.String)
	if !ok {
		return nil, py.ExceptionNewf(py.TypeError, "open(): the embedded host takes a str path, got %s", file.Type().Name)
	}
	m, _ := mode.(py.String)
	if strings.ContainsAny(string(m), "wax+") {
		return nil, py.ExceptionNewf(py.PermissionError, "open(%q, %q): the embedded host's sandbox is read-only", string(name), string(m))
	}
	real, err := readable(string(name))
	if err != nil {
		return nil, err
	}
	fi, err := os.Stat(real)
	if err != nil {
		return nil, py.ExceptionNewf(py.OSError, "%s: %v", string(name), err)
	}
	if fi.IsDir() {
		return nil, py.ExceptionNewf(py.IsADirectoryError, "[Errno 21] Is a directory: '%s'", string(name))
	}
	if fi.Size() > maxReadable {
		return nil, py.ExceptionNewf(py.OSError, "%s: %d bytes is more than the sandbox reads (%d)", string(name), fi.Size(), maxReadable)
	}
	data, err := os.ReadFile(real)
	if err != nil {
		return nil, py.ExceptionNewf(py.OSError, "%s: %v", string(name), err)
	}
	f := &roFile{name: string(name), binary: strings.Contains(string(m), "b")}
	if f.binary {
		f.data = data
	} else {
		// Universal newlines, as CPython's text mode.
		s := strings.ReplaceAll(string(data), "\r\n", "\n")
		f.data = []byte(strings.ReplaceAll(s, "\r", "\n"))
	}
	return f, nil
}

// roFile is what sandboxOpen returns: the file's content in memory.
type roFile struct {
	name   string
	data   []byte
	pos    int
	binary bool
	closed bool
}

var roFileType = py.NewType("TextIOWrapper", "a read-only file opened under --allow-fs")

func (f *roFile) Type() *py.Type { return roFileType }

func (f *roFile) value(b []byte) py.Object {
	if f.binary {
		return py.Bytes(append([]byte(nil), b...))
	}
	return py.String(b)
}

func (f *roFile) check() error {
	if f.closed {
		return py.ExceptionNewf(py.ValueError, "I/O operation on closed file.")
	}
	return nil
}

func (f *roFile) readline() []byte {
	rest := f.data[f.pos:]
	n := len(rest)
	if i := strings.IndexByte(string(rest), '\n'); i >= 0 {
		n = i + 1
	}
	f.pos += n
	return rest[:n]
}

// M__iter__ and M__next__ iterate lines, as `for line in f` does.
func (f *roFile) M__iter__() (py.Object, error) { return f, f.check() }

func (f *roFile) M__next__() (py.Object, error) {
	if err := f.check(); err != nil {
		return nil, err
	}
	if f.pos >= len(f.data) {
		return nil, py.StopIteration
	}
	return f.value(f.readline()), nil
}

func (f *roFile) M__enter__() (py.Object, error) { return f, f.check() }

func (f *roFile) M__exit__(_, _, _ py.Object) (py.Object, error) {
	f.closed = true
	return py.False, nil
}

func init() {
	d := roFileType.Dict
	method := func(name string, fn func(f *roFile, args py.Tuple) (py.Object, error)) {
		d[name] = py.MustNewMethod(name, func(self py.Object, args py.Tuple) (py.Object, error) {
			f := self.(*roFile)
			if name != "close" {
				if err := f.check(); err != nil {
					return nil, err
				}
			}
			return fn(f, args)
		}, 0, "")
	}
	method("read", func(f *roFile, args py.Tuple) (py.Object, error) {
		n := len(f.data) - f.pos
		if len(args) > 0 {
			if k, ok := args[0].(py.Int); ok && int(k) >= 0 && int(k) < n {
				n = int(k)
			}
		}
		out := f.data[f.pos : f.pos+n]
		f.pos += n
		return f.value(out), nil
	})
	method("readline", func(f *roFile, _ py.Tuple) (py.Object, error) { return f.value(f.readline()), nil })
	method("readlines", func(f *roFile, _ py.Tuple) (py.Object, error) {
		var lines []py.Object
		for f.pos < len(f.data) {
			lines = append(lines, f.value(f.readline()))
		}
		return py.NewListFromItems(lines), nil
	})
	method("close", func(f *roFile, _ py.Tuple) (py.Object, error) { f.closed = true; return py.None, nil })
	method("readable", func(*roFile, py.Tuple) (py.Object, error) { return py.True, nil })
	method("writable", func(*roFile, py.Tuple) (py.Object, error) { return py.False, nil })
	d["name"] = &py.Property{Fget: func(self py.Object) (py.Object, error) { return py.String(self.(*roFile).name), nil }}
	d["closed"] = &py.Property{Fget: func(self py.Object) (py.Object, error) { return py.NewBool(self.(*roFile).closed), nil }}
	if err := roFileType.Ready(); err != nil {
		panic(err)
	}
}

// denied is a function a script may name but not call.
func denied(qualname, why string) *py.Method {
	return py.MustNewMethod(qualname[strings.LastIndexByte(qualname, '.')+1:], func(py.Object, py.Tuple, py.StringDict) (py.Object, error) {
		return nil, py.ExceptionNewf(py.PermissionError, "%s() is not available in the embedded host's sandbox: %s", qualname, why)
	}, 0, "")
}

const (
	whyProcess = "it cannot start or end processes (run the script with --host external if it must)"
	whyWrite   = "the sandbox is read-only"
	whyEnv     = "scripts cannot read the environment"
	whyCode    = "code from strings is not run (use --host external)"
)

// osModules are the sandbox's os and os.path: pure path functions, file
// queries inside --allow-fs, and loud refusals for the rest.
func osModules() []*py.ModuleImpl {
	str := func(o py.Object, fn string) (string, error) {
		s, ok := o.(py.String)
		if !ok {
			return "", py.ExceptionNewf(py.TypeError, "%s: expected str, not %s", fn, o.Type().Name)
		}
		return string(s), nil
	}
	strs := func(args py.Tuple, fn string) ([]string, error) {
		out := make([]string, len(args))
		for i, a := range args {
			s, err := str(a, fn)
			if err != nil {
				return nil, err
			}
			out[i] = s
		}
		return out, nil
	}
	pure := func(name string, fn func(args []string) (py.Object, error)) *py.Method {
		return py.MustNewMethod(name, func(_ py.Object, args py.Tuple) (py.Object, error) {
			s, err := strs(args, "os.path."+name)
			if err != nil {
				return nil, err
			}
			return fn(s)
		}, 0, "")
	}
	one := func(name string, args []string) error {
		if len(args) != 1 {
			return py.ExceptionNewf(py.TypeError, "os.path.%s() takes exactly one argument (%d given)", name, len(args))
		}
		return nil
	}
	query := func(name string, fn func(fi os.FileInfo) py.Object, missing py.Object) *py.Method {
		return pure(name, func(args []string) (py.Object, error) {
			if err := one(name, args); err != nil {
				return nil, err
			}
			real, err := readable(args[0])
			if err != nil {
				if py.IsException(py.FileNotFoundError, err) && missing != nil {
					return missing, nil
				}
				return nil, err
			}
			fi, err := os.Stat(real)
			if err != nil {
				return missing, nil
			}
			return fn(fi), nil
		})
	}
	pathMethods := []*py.Method{
		pure("join", func(a []string) (py.Object, error) {
			if len(a) == 0 {
				return nil, py.ExceptionNewf(py.TypeError, "join() missing 1 required positional argument: 'a'")
			}
			out := a[0]
			for _, p := range a[1:] {
				switch {
				case strings.HasPrefix(p, "/"):
					out = p
				case out == "" || strings.HasSuffix(out, "/"):
					out += p
				default:
					out += "/" + p
				}
			}
			return py.String(out), nil
		}),
		pure("dirname", func(a []string) (py.Object, error) {
			if err := one("dirname", a); err != nil {
				return nil, err
			}
			i := strings.LastIndexByte(a[0], '/') + 1
			head := a[0][:i]
			if head != "" && strings.Trim(head, "/") != "" {
				head = strings.TrimRight(head, "/")
			}
			return py.String(head), nil
		}),
		pure("basename", func(a []string) (py.Object, error) {
			if err := one("basename", a); err != nil {
				return nil, err
			}
			return py.String(a[0][strings.LastIndexByte(a[0], '/')+1:]), nil
		}),
		pure("split", func(a []string) (py.Object, error) {
			if err := one("split", a); err != nil {
				return nil, err
			}
			i := strings.LastIndexByte(a[0], '/') + 1
			head := a[0][:i]
			if head != "" && strings.Trim(head, "/") != "" {
				head = strings.TrimRight(head, "/")
			}
			return py.Tuple{py.String(head), py.String(a[0][i:])}, nil
		}),
		pure("splitext", func(a []string) (py.Object, error) {
			if err := one("splitext", a); err != nil {
				return nil, err
			}
			p := a[0]
			base := p[strings.LastIndexByte(p, '/')+1:]
			dot := strings.LastIndexByte(base, '.')
			if dot <= 0 || strings.Trim(base[:dot], ".") == "" {
				return py.Tuple{py.String(p), py.String("")}, nil
			}
			cut := len(p) - len(base) + dot
			return py.Tuple{py.String(p[:cut]), py.String(p[cut:])}, nil
		}),
		pure("normpath", func(a []string) (py.Object, error) {
			if err := one("normpath", a); err != nil {
				return nil, err
			}
			if a[0] == "" {
				return py.String("."), nil
			}
			out := filepath.Clean(a[0])
			if strings.HasPrefix(a[0], "//") && !strings.HasPrefix(a[0], "///") {
				out = "/" + out // POSIX keeps exactly two leading slashes
			}
			return py.String(out), nil
		}),
		pure("isabs", func(a []string) (py.Object, error) {
			if err := one("isabs", a); err != nil {
				return nil, err
			}
			return py.NewBool(strings.HasPrefix(a[0], "/")), nil
		}),
		query("exists", func(os.FileInfo) py.Object { return py.True }, py.False),
		query("isfile", func(fi os.FileInfo) py.Object { return py.NewBool(fi.Mode().IsRegular()) }, py.False),
		query("isdir", func(fi os.FileInfo) py.Object { return py.NewBool(fi.IsDir()) }, py.False),
		query("getsize", func(fi os.FileInfo) py.Object { return py.Int(fi.Size()) }, nil),
	}
	// abspath and realpath would need the working directory, which the
	// sandbox does not reveal: absolute paths pass through, others fail.
	for _, name := range []string{"abspath", "realpath"} {
		name := name
		pathMethods = append(pathMethods, pure(name, func(a []string) (py.Object, error) {
			if err := one(name, a); err != nil {
				return nil, err
			}
			if !strings.HasPrefix(a[0], "/") {
				return nil, py.ExceptionNewf(py.PermissionError,
					"os.path.%s(%q): the sandbox does not reveal the working directory; build paths from __file__", name, a[0])
			}
			return py.String(filepath.Clean(a[0])), nil
		}))
	}
	osMethods := []*py.Method{
		py.MustNewMethod("listdir", func(_ py.Object, args py.Tuple) (py.Object, error) {
			dir := "."
			if len(args) > 0 {
				s, err := str(args[0], "os.listdir")
				if err != nil {
					return nil, err
				}
				dir = s
			}
			real, err := readable(dir)
			if err != nil {
				return nil, err
			}
			entries, err := os.ReadDir(real)
			if err != nil {
				return nil, py.ExceptionNewf(py.OSError, "%s: %v", dir, err)
			}
			names := make([]string, len(entries))
			for i, e := range entries {
				names[i] = e.Name()
			}
			sort.Strings(names)
			items := make([]py.Object, len(names))
			for i, n := range names {
				items[i] = py.String(n)
			}
			return py.NewListFromItems(items), nil
		}, 0, ""),
	}
	for _, n := range []string{"system", "popen", "fork", "kill", "killpg", "_exit", "abort", "execv", "execve", "execl", "execlp",
		"execvp", "spawnl", "spawnv", "posix_spawn", "startfile", "setsid", "nice", "chdir"} {
		osMethods = append(osMethods, denied("os."+n, whyProcess))
	}
	for _, n := range []string{"remove", "unlink", "rmdir", "removedirs", "mkdir", "makedirs", "rename", "renames", "replace",
		"chmod", "chown", "link", "symlink", "truncate", "utime", "mkfifo", "open", "write"} {
		osMethods = append(osMethods, denied("os."+n, whyWrite))
	}
	for _, n := range []string{"getenv", "putenv", "unsetenv", "getcwd", "getpid", "getppid", "getuid", "getlogin", "uname", "walk", "scandir", "stat"} {
		osMethods = append(osMethods, denied("os."+n, whyEnv))
	}
	return []*py.ModuleImpl{
		{Info: py.ModuleInfo{Name: "os.path"}, Methods: pathMethods,
			Globals: py.StringDict{"sep": py.String("/"), "curdir": py.String("."), "pardir": py.String(".."), "extsep": py.String(".")}},
		{Info: py.ModuleInfo{Name: "os"}, Methods: osMethods,
			Globals: py.StringDict{"sep": py.String("/"), "linesep": py.String("\n"), "name": py.String("posix"),
				"curdir": py.String("."), "pardir": py.String(".."), "environ": &environ{}, "__path__": py.NewList()}},
	}
}

// environ stands for os.environ: any use of it is refused.
type environ struct{}

var environType = py.NewType("_Environ", "os.environ, closed by the embedded host's sandbox")

func (e *environ) Type() *py.Type { return environType }

func (e *environ) refuse() error {
	return py.ExceptionNewf(py.PermissionError, "os.environ is not available in the embedded host's sandbox: %s", whyEnv)
}

func (e *environ) M__getitem__(py.Object) (py.Object, error)            { return nil, e.refuse() }
func (e *environ) M__contains__(py.Object) (py.Object, error)           { return nil, e.refuse() }
func (e *environ) M__iter__() (py.Object, error)                        { return nil, e.refuse() }
func (e *environ) M__setitem__(py.Object, py.Object) (py.Object, error) { return nil, e.refuse() }
func (e *environ) M__getattr__(string) (py.Object, error)               { return nil, e.refuse() }

func init() {
	if err := environType.Ready(); err != nil {
		panic(err)
	}
}

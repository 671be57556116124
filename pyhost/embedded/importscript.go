package embedded

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-python/gpython/py"
)

// upgrade-util's import_script(path, name=None): another upgrade script,
// by its path relative to an upgrade directory (--upgrade-path; the first
// one holding it), run as a module named after the file unless name is
// given, and returned. The harness's is the same in Python. The sandbox
// lets a script load scripts of the run's upgrade directories and nothing
// else: a path that leads out of the directory, by "..", an absolute path
// or a symbolic link, is a PermissionError.

// runCtx and runUpgradePaths are the running script's context and
// upgrade directories (set by RunMigrate).
var (
	runCtx          py.Context
	runUpgradePaths []string
)

func importScript(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	var pathObj, nameObj py.Object = nil, py.None
	if err := py.ParseTupleAndKeywords(args, kwargs, "O|O:import_script", []string{"path", "name"}, &pathObj, &nameObj); err != nil {
		return nil, err
	}
	path, err := py.StrAsString(pathObj)
	if err != nil {
		return nil, err
	}
	name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	if nameObj != py.None {
		n, err := py.StrAsString(nameObj)
		if err != nil {
			return nil, err
		}
		if n != "" {
			name = n
		}
	}
	full, err := findScript(path)
	if err != nil {
		return nil, err
	}
	src, err := os.ReadFile(full)
	if err != nil {
		return nil, py.ExceptionNewf(py.ImportError, "%s: %v", path, err)
	}
	code, err := compileScript(full, src)
	if err != nil {
		return nil, err
	}
	mod := &py.Module{Globals: py.StringDict{"__name__": py.String(name), "__file__": py.String(full)}, Context: runCtx}
	if _, err := py.RunCode(runCtx, code, full, mod); err != nil {
		return nil, err
	}
	return mod, nil
}

// findScript resolves path in the upgrade directories as upstream does
// (the first directory where it exists), refusing what leads out of it.
func findScript(path string) (string, error) {
	if filepath.IsAbs(path) { // os.path.join would drop the directory
		return "", refuseScript(path)
	}
	for _, dir := range runUpgradePaths {
		full := filepath.Join(dir, path)
		if _, err := os.Stat(full); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err := inside(dir, full, path); err != nil {
			return "", err
		}
		return full, nil
	}
	return "", py.ExceptionNewf(py.ImportError, "%s", path)
}

// inside checks that full, with its symbolic links resolved, is in dir.
func inside(dir, full, path string) error {
	realDir, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return py.ExceptionNewf(py.ImportError, "%s: %v", path, err)
	}
	realFull, err := filepath.EvalSymlinks(full)
	if err != nil {
		return py.ExceptionNewf(py.ImportError, "%s: %v", path, err)
	}
	if !within(realFull, realDir) {
		return refuseScript(path)
	}
	return nil
}

func refuseScript(path string) error {
	return py.ExceptionNewf(py.PermissionError, "import_script(%q): the embedded host's sandbox loads scripts of the run's upgrade directories only", path)
}

// upgradePathsOf reads the run request's upgrade directories through the
// backend (the worker's wire), as setRunMajor reads the series.
func upgradePathsOf(b Backend) []string {
	if u, ok := b.(interface{ UpgradePaths() []string }); ok {
		return u.UpgradePaths()
	}
	return nil
}

package needs

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/go-python/gpython/ast"
	"github.com/go-python/gpython/parser"
	"github.com/go-python/gpython/py"

	"github.com/migrate-runner/migrate-runner/pyhost/embedded/precheck"
	"github.com/migrate-runner/migrate-runner/pyhost/embedded/prepass"
)

// parse reads src with gpython's parser, first as written, then after the
// embedded host's pre-pass (which lowers f-strings and other constructs
// the parser rejects, keeping every token on its line). The error names
// why the script must be scanned instead.
func parse(filename string, src []byte) (*ast.Module, Method, error) {
	mod, err := gpythonParse(filename, src)
	if err == nil {
		return mod, Parsed, nil
	}
	lowered, perr := prepass.Rewrite(src)
	if perr == nil && !bytes.Equal(lowered, src) {
		if mod, err2 := gpythonParse(filename, lowered); err2 == nil {
			return mod, ParsedAfterPrepass, nil
		}
	}
	if perr != nil {
		lowered = src
	}
	// The embedded host's pre-check names the construct behind a parse
	// error (walrus operator, match statement, …) better than gpython's
	// "invalid syntax" does.
	why := oneLine(err)
	if fs := precheck.Check(filename, lowered, precheck.Options{}); len(fs) > 0 && fs[0].Construct != "internal error" {
		why = fmt.Sprintf("%s at line %d", fs[0].Construct, fs[0].Line)
	}
	return nil, "", fmt.Errorf("gpython's parser cannot read the script (%s); classified by a token scan", why)
}

// gpythonParse runs the parser, turning a panic inside it into an error.
func gpythonParse(filename string, src []byte) (mod *ast.Module, err error) {
	defer func() {
		if r := recover(); r != nil {
			mod, err = nil, fmt.Errorf("parser crashed: %v", r)
		}
	}()
	m, err := parser.Parse(bytes.NewReader(src), filename, py.ExecMode)
	if err != nil {
		return nil, err
	}
	mod, ok := m.(*ast.Module)
	if !ok {
		return nil, errors.New("no module")
	}
	return mod, nil
}

// oneLine condenses gpython's multi-line SyntaxError text ("File …, line
// 3, offset 7 / source / SyntaxError: 'invalid syntax'") into one line.
func oneLine(err error) string {
	var line, msg string
	var exc *py.Exception
	if errors.As(err, &exc) {
		if l, ok := exc.Dict["lineno"].(py.Int); ok {
			line = fmt.Sprintf("line %d", int(l))
		}
		if m, ok := exc.Dict["msg"].(py.String); ok {
			msg = string(m)
		}
	}
	if line != "" && msg != "" {
		return msg + " at " + line
	}
	s := strings.TrimSpace(err.Error())
	parts := strings.Fields(s)
	s = strings.Join(parts, " ")
	if len(s) > 160 {
		s = s[:160] + "…"
	}
	return s
}

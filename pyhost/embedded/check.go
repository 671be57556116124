package embedded

import (
	"errors"
	"fmt"

	"github.com/migrate-runner/migrate-runner/pyhost/embedded/compat"
	"github.com/migrate-runner/migrate-runner/pyhost/embedded/precheck"
	"github.com/migrate-runner/migrate-runner/pyhost/embedded/prepass"
)

// Finding is a construct the embedded host cannot run, at a line of the
// script.
type Finding = precheck.Finding

// Check is the embedded host's verdict on a script before it runs: the
// source pre-pass, then the static check for constructs gpython cannot
// run or would run wrongly, and for imports and calls the sandbox
// refuses. No findings: the embedded host can run the script. allowFS
// says whether --allow-fs was given (open() is then available).
func Check(path string, src []byte, allowFS bool) []Finding {
	registerModules()
	out, err := prepass.Rewrite(src)
	if err != nil {
		var se *prepass.SyntaxError
		if errors.As(err, &se) {
			return []Finding{{Line: se.Line, Col: se.Col, Construct: "syntax error", Message: se.Msg}}
		}
		return []Finding{{Line: 1, Construct: "internal error", Message: fmt.Sprintf("the pre-pass failed: %v", err)}}
	}
	return precheck.Check(path, out, precheck.Options{Allowed: Allowed, AllowOpen: allowFS, ExceptionAttrs: compat.ExceptionAttrs()})
}

// Allowed says whether the sandbox lets a script import a module.
func Allowed(module string) bool {
	registerModules()
	return allowed[module]
}

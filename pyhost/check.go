package pyhost

import (
	"fmt"
	"os"

	"github.com/migrate-runner/migrate-runner/pyhost/embedded"
)

// Finding is a construct the embedded host cannot run, at a line.
type Finding = embedded.Finding

// CheckEmbedded is the embedded host's pre-check of one script file (see
// embedded.Check): nothing found means the embedded host can run it.
// --host auto sends the scripts with findings to CPython.
func CheckEmbedded(path string, allowFS bool) ([]Finding, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("check %s: %w", path, err)
	}
	return embedded.Check(path, src, allowFS), nil
}

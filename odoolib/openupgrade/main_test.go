package openupgrade_test

import (
	"os"
	"testing"

	"github.com/migrate-runner/migrate-runner/pyhost/embedded"
)

// TestMain lets the test binary serve as the embedded host's worker.
func TestMain(m *testing.M) {
	if embedded.IsWorker() {
		os.Exit(embedded.Main())
	}
	os.Exit(m.Run())
}

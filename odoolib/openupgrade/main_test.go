package openupgrade_test

import (
	"testing"

	"github.com/migrate-runner/migrate-runner/internal/hosttest"
)

// TestMain lets the test binary serve as the embedded host's worker.
func TestMain(m *testing.M) { hosttest.Main(m) }

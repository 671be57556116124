package embedded

// The helper libraries register their functions with package odoolib
// when linked in; the embedded worker and the parent are the same
// binary, so linking them here serves both hosts.
import (
	_ "github.com/migrate-runner/migrate-runner/odoolib/editview"
	_ "github.com/migrate-runner/migrate-runner/odoolib/openupgrade"
	_ "github.com/migrate-runner/migrate-runner/odoolib/upgradeutil"
	_ "github.com/migrate-runner/migrate-runner/odoolib/upgradeutil/parallel"
	_ "github.com/migrate-runner/migrate-runner/odoolib/upgradeutil/refactor"
)

package main

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/migrate-runner/migrate-runner/internal/textout"
	"github.com/migrate-runner/migrate-runner/needs"
	"github.com/migrate-runner/migrate-runner/phases"
	"github.com/migrate-runner/migrate-runner/runner"
)

// needsFlag: plan's table shows what each script needs when asked; --json
// and --explain always carry it. It reads and parses every planned
// script: 40,000 planned scripts (of 152,000 in the tree) take about
// 1.3 s more than the plan alone, on 2 cores.
func needsFlag() cli.Flag {
	return &cli.BoolFlag{Name: "needs",
		Usage: "parse each planned script and show what it needs: sql, odoo.tools.sql, upgrade-util, openupgradelib, orm (implied by --explain and --json)"}
}

func skipORMFlag() cli.Flag {
	return &cli.BoolFlag{Name: "skip-orm",
		Usage: "skip the scripts that need Odoo's ORM (each reported as SKIPPED) and run the rest; without it, run refuses to start when the plan holds one"}
}

// annotateNeeds fills the plan's steps with their needs.
func annotateNeeds(c *cli.Context, plan *phases.Plan) error {
	start := time.Now()
	res, err := needs.ForPlan(c.Context, plan)
	if err != nil {
		return cli.Exit(fmt.Sprintf("plan: %v", err), exitFailure)
	}
	needs.Annotate(plan, res)
	slog.Debug("classified script needs", "scripts", len(res), "took", time.Since(start))
	return nil
}

// ormRefusal is run's message when the plan holds ORM scripts: the
// runner's, with paths shown as the rest of the CLI shows them.
func ormRefusal(e *runner.ORMError) string {
	short := &runner.ORMError{Scripts: make([]runner.ORMScript, len(e.Scripts))}
	for i, s := range e.Scripts {
		short.Scripts[i] = runner.ORMScript{Path: textout.Safe(shortPath(s.Path)), Uses: s.Uses}
	}
	return "run: " + short.Error()
}

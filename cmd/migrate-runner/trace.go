package main

import (
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/migrate-runner/migrate-runner/phases"
	"github.com/migrate-runner/migrate-runner/pyhost"
	"github.com/migrate-runner/migrate-runner/runner"
	"github.com/migrate-runner/migrate-runner/trace"
	"github.com/migrate-runner/migrate-runner/trace/schema"
)

func traceCommand() *cli.Command {
	return &cli.Command{
		Name:  "trace",
		Usage: "run the planned scripts against a recording cursor, without a database, and print the SQL they would send",
		UsageText: "migrate-runner trace (--addons-path P1,P2 [--upgrade-path U1,U2] | -c odoo.conf) [--series 17.0]\n" +
			"   [--installed MODULE=VERSION ...] [--installed-file FILE] [--modules m1,m2] [--schema FILE.sql]\n" +
			"   [--host auto|embedded|external] [--python PATH] [--allow-fs DIR ...] [--script-timeout 1m]\n" +
			"   [--max-statements 10000] [--json]",
		Flags: []cli.Flag{addonsPathFlag(), upgradePathFlag(), configFlag(), jsonFlag(),
			&cli.StringFlag{Name: "series", Usage: "target Odoo series (17.0, saas~17.2); inferred from the manifests when they agree"},
			&cli.StringSliceFlag{Name: "installed", Usage: "MODULE=VERSION, the installed version; repeat or comma-separate (no database is read)"},
			&cli.StringFlag{Name: "installed-file", Usage: "file of MODULE=VERSION lines; --installed overrides it"},
			&cli.StringSliceFlag{Name: "modules", Usage: "as Odoo's -u: these modules and their installed dependents"},
			&cli.StringFlag{Name: "schema", Usage: "a SQL file (CREATE TABLE/VIEW/INDEX, ALTER TABLE …, e.g. pg_dump --schema-only) that catalog queries are answered from (default: an empty database)"},
			&cli.StringFlag{Name: "host", Value: "auto", Usage: "the Python host, as for run: auto, embedded or external"},
			&cli.StringFlag{Name: "python", Usage: "the Python interpreter (default: python3 on PATH)"},
			&cli.StringSliceFlag{Name: "allow-fs", Usage: "a directory embedded scripts may read (repeatable)"},
			&cli.DurationFlag{Name: "script-timeout", Value: time.Minute, Usage: "kill a script that runs longer (its host is restarted for the next script); 0: no limit"},
			&cli.IntFlag{Name: "max-statements", Value: 10000, Usage: "statements shown per script; the rest are counted (0: no limit)"},
		},
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			host := c.String("host")
			if host != runner.HostAuto && host != runner.HostExternal && host != runner.HostEmbedded {
				return cli.Exit(fmt.Sprintf("--host %q: want auto, embedded or external", host), exitBadInput)
			}
			for _, d := range c.StringSlice("allow-fs") {
				if fi, err := os.Stat(d); err != nil || !fi.IsDir() {
					return cli.Exit(fmt.Sprintf("--allow-fs %s: not a directory", d), exitBadInput)
				}
			}
			// No database: -c gives paths only, installed versions come from the flags.
			installed, err := overrideInstalled(c, map[string]string{})
			if err != nil {
				return cli.Exit(err, exitBadInput)
			}
			inv, err := runDiscover(c)
			if err != nil {
				return err
			}
			plan, err := phases.Build(inv, phases.Options{Series: c.String("series"), Installed: installed,
				Modules: splitList(c.StringSlice("modules"))})
			if err != nil {
				return cli.Exit(fmt.Sprintf("trace: %v", err), exitBadInput)
			}
			var sch *schema.Schema
			if name := c.String("schema"); name != "" {
				if sch, err = schema.Load(name); err != nil {
					return cli.Exit(err, exitBadInput)
				}
			}
			python, err := tracePython(c, host)
			if err != nil {
				return cli.Exit(err, exitBadInput)
			}
			start := time.Now()
			rep, err := trace.Run(c.Context, plan, trace.Options{Host: host, Python: python, AllowFS: c.StringSlice("allow-fs"),
				Schema: sch, SchemaPath: c.String("schema"), ScriptTimeout: c.Duration("script-timeout"),
				MaxStatements: c.Int("max-statements")})
			if err != nil {
				return cli.Exit(fmt.Sprintf("trace: %v", err), exitBadInput)
			}
			slog.Debug("traced", "scripts", len(rep.Scripts), "statements", rep.Statements, "took", time.Since(start))
			if c.Bool("json") {
				err = trace.WriteJSON(c.App.Writer, rep, shortPath)
			} else {
				err = trace.WriteText(c.App.Writer, rep, shortPath)
			}
			switch {
			case err != nil:
				return cli.Exit(err, exitFailure)
			case rep.Stopped != "":
				return cli.Exit("trace stopped early: "+rep.Stopped, exitFailure)
			case rep.Failed > 0:
				return cli.Exit(fmt.Sprintf("%d script(s) raised during the trace (see FAILED)", rep.Failed), exitFailure)
			}
			return nil
		},
	}
}

// tracePython resolves CPython as run does: required for --host external
// and an explicit --python, a fallback when found under auto.
func tracePython(c *cli.Context, host string) (string, error) {
	switch {
	case host == runner.HostExternal || host == runner.HostAuto && c.IsSet("python"):
		return pyhost.ResolvePython(c.Context, c.String("python"))
	case host == runner.HostAuto:
		python, err := pyhost.ResolvePython(c.Context, "")
		if err != nil {
			slog.Debug("no CPython for --host auto's fallback", "err", err)
			return "", nil
		}
		return python, nil
	}
	return "", nil
}

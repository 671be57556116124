// Command migrate-runner discovers, orders and runs Odoo module migration
// scripts. This file only parses flags and calls the packages.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/jackc/pgx/v5"

	"github.com/migrate-runner/migrate-runner/discover"
	"github.com/migrate-runner/migrate-runner/internal/textout"
	"github.com/migrate-runner/migrate-runner/odooconf"
	"github.com/migrate-runner/migrate-runner/phases"
	"github.com/migrate-runner/migrate-runner/pyhost"
	"github.com/migrate-runner/migrate-runner/pyhost/embedded"
	"github.com/migrate-runner/migrate-runner/runner"
	"github.com/migrate-runner/migrate-runner/sqlexec"
	"github.com/migrate-runner/migrate-runner/status"
)

// Exit codes shared by every subcommand.
const (
	exitOK       = 0
	exitFailure  = 1 // the job ran and found a problem (a failed script, --strict diagnostics)
	exitBadInput = 2 // wrong flags, unusable paths, inconsistent input, configuration
	exitLocked   = 3 // another run holds the database's lock
)

func main() {
	if embedded.IsWorker() { // re-executed as the embedded host's worker
		os.Exit(embedded.Main())
	}
	tuneGC()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// tuneGC trades memory for speed in this short-lived process: a plan of
// 150,000 steps runs about 10% faster with the collector at 400%, and the
// soft memory limit keeps the peak well under 200 MB. GOGC and GOMEMLIMIT
// in the environment still win.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(160 << 20)
	}
}

// run is main without the process: tests call it directly.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	app := newApp(stdout, stderr)
	err := app.RunContext(ctx, args)
	if err == nil {
		return exitOK
	}
	var ec cli.ExitCoder
	if errors.As(err, &ec) {
		if msg := err.Error(); msg != "" {
			fmt.Fprintln(stderr, "migrate-runner:", msg)
		}
		return ec.ExitCode()
	}
	fmt.Fprintln(stderr, "migrate-runner:", err)
	return exitBadInput // flag parsing and usage errors
}

// Flags shared by several commands are built fresh for each: urfave/cli
// flags keep state. No short aliases that Odoo uses differently (-u, -i).
func addonsPathFlag() cli.Flag {
	return &cli.StringSliceFlag{Name: "addons-path",
		Usage: "comma-separated addons directories, as Odoo's addons_path; the first holding a module wins (default: addons_path of -c)"}
}

func configFlag() cli.Flag {
	return &cli.StringFlag{Name: "config", Aliases: []string{"c"},
		Usage: "an Odoo configuration file: addons_path, upgrade_path and the db_* settings"}
}

func upgradePathFlag() cli.Flag {
	return &cli.StringSliceFlag{Name: "upgrade-path",
		Usage: "comma-separated upgrade directories holding <module>/<version>/ scripts, as Odoo's --upgrade-path (default: upgrade_path of -c)"}
}

func jsonFlag() cli.Flag { return &cli.BoolFlag{Name: "json", Usage: "print JSON instead of a table"} }

func newApp(stdout, stderr io.Writer) *cli.App {
	return &cli.App{
		Name:            "migrate-runner",
		Usage:           "discover, order and run Odoo module migration scripts exactly as Odoo does",
		Writer:          stdout,
		ErrWriter:       stderr,
		HideHelpCommand: true,
		ExitErrHandler:  func(*cli.Context, error) {}, // run() reports errors and exit codes
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "log-level", Value: "warn", Usage: "debug, info, warn or error (logs go to stderr)"},
		},
		Before: func(c *cli.Context) error {
			var lvl slog.Level
			if err := lvl.UnmarshalText([]byte(c.String("log-level"))); err != nil {
				return cli.Exit(fmt.Sprintf("--log-level %q: want debug, info, warn or error", c.String("log-level")), exitBadInput)
			}
			slog.SetDefault(slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: lvl})))
			return nil
		},
		Commands: []*cli.Command{discoverCommand(), planCommand(), runCommand(), statusCommand(), upgradeCommand(), traceCommand()},
	}
}

func discoverCommand() *cli.Command {
	return &cli.Command{
		Name:      "discover",
		Usage:     "list modules, their migration scripts and every diagnostic",
		UsageText: "migrate-runner discover (--addons-path P1,P2 [--upgrade-path U1,U2] | -c odoo.conf) [--json] [--strict]",
		Flags: []cli.Flag{addonsPathFlag(), upgradePathFlag(), configFlag(), jsonFlag(),
			&cli.BoolFlag{Name: "strict", Usage: "exit 1 when there is an error-level diagnostic"}},
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			inv, err := runDiscover(c)
			if err != nil {
				return err
			}
			if c.Bool("json") {
				err = inv.WriteJSON(c.App.Writer)
			} else {
				err = textout.Inventory(c.App.Writer, inv, shortPath)
			}
			if err != nil {
				return cli.Exit(err, exitFailure)
			}
			if c.Bool("strict") && inv.HasErrors() {
				return cli.Exit("error-level diagnostics found (--strict)", exitFailure)
			}
			return nil
		},
	}
}

func planCommand() *cli.Command {
	return &cli.Command{
		Name:  "plan",
		Usage: "print the exact order in which Odoo would run the scripts, without a database",
		UsageText: "migrate-runner plan (--addons-path P1,P2 [--upgrade-path U1,U2] | -c odoo.conf) [--series 17.0]\n" +
			"   [--dsn DSN] [--installed MODULE=VERSION ...] [--installed-file FILE]\n" +
			"   [--modules m1,m2] [--json] [--explain] [--needs]",
		Flags: []cli.Flag{addonsPathFlag(), upgradePathFlag(), configFlag(), jsonFlag(),
			&cli.StringFlag{Name: "dsn", Usage: "read installed versions from this database (URL or key=value); -c's db_* settings are used when it is absent"},
			&cli.StringFlag{Name: "series", Usage: "target Odoo series (17.0, saas~17.2); inferred from the manifests when they agree"},
			&cli.StringSliceFlag{Name: "installed",
				Usage: "MODULE=VERSION, the installed version (ir_module_module.latest_version); repeat or comma-separate"},
			&cli.StringFlag{Name: "installed-file", Usage: "file of MODULE=VERSION lines; --installed overrides it"},
			&cli.StringSliceFlag{Name: "modules",
				Usage: "upgrade only these modules and their installed dependents, as Odoo's -u (default: all installed)"},
			&cli.BoolFlag{Name: "explain", Usage: "say why each other discovered script does not run, and what each script needs"},
			needsFlag(),
		},
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			conf, err := loadConfig(c)
			if err != nil {
				return err
			}
			installed, err := installedFrom(c, conf)
			if err != nil {
				return cli.Exit(err, exitBadInput)
			}
			inv, err := runDiscover(c)
			if err != nil {
				return err
			}
			start := time.Now()
			plan, err := phases.Build(inv, phases.Options{
				Series:    c.String("series"),
				Installed: installed,
				Modules:   splitList(c.StringSlice("modules")),
				Explain:   c.Bool("explain"),
			})
			if err != nil {
				return cli.Exit(fmt.Sprintf("plan: %v", err), exitBadInput)
			}
			slog.Debug("planned", "steps", len(plan.Steps), "took", time.Since(start))
			if c.Bool("explain") || c.Bool("needs") || c.Bool("json") {
				if err := annotateNeeds(c, plan); err != nil {
					return err
				}
			}
			if c.Bool("json") {
				err = plan.WriteJSON(c.App.Writer)
			} else {
				err = textout.Plan(c.App.Writer, plan, c.Bool("explain"), shortPath)
			}
			if err != nil {
				return cli.Exit(err, exitFailure)
			}
			return nil
		},
	}
}

// noArgs refuses stray positional arguments, which would otherwise be
// ignored silently (a path meant for --addons-path, say).
func noArgs(c *cli.Context) error {
	if c.NArg() > 0 {
		return cli.Exit(fmt.Sprintf("unexpected argument %q: paths go in --addons-path or --upgrade-path", c.Args().First()), exitBadInput)
	}
	return nil
}

// loadConfig reads the -c file, if any.
func loadConfig(c *cli.Context) (*odooconf.Config, error) {
	name := c.String("config")
	if name == "" {
		return nil, nil
	}
	conf, err := odooconf.Load(name)
	if err != nil {
		return nil, cli.Exit(fmt.Sprintf("-c: %v", err), exitBadInput)
	}
	return conf, nil
}

func runCommand() *cli.Command {
	return &cli.Command{
		Name:  "run",
		Usage: "run the planned scripts against PostgreSQL, in one transaction, each in its own savepoint",
		UsageText: "migrate-runner run [--dsn DSN | -c odoo.conf] [--addons-path P1,P2] [--upgrade-path U1,U2]\n" +
			"   [--series 17.0] [--installed MODULE=VERSION ...] [--modules m1,m2] [--dry-run]\n" +
			"   [--commit-every module] [--update-versions] [--python PATH] [--lock-timeout 30s] [--strict]\n" +
			"   [--script-timeout 10m] [--statement-timeout 1m] [--report-json FILE] [--junit FILE]\n" +
			"   [--host auto|embedded|external] [--allow-fs DIR ...] [--jobs N] [--skip-orm]",
		Flags: []cli.Flag{addonsPathFlag(), upgradePathFlag(), configFlag(),
			&cli.StringFlag{Name: "dsn", Usage: "the database (URL or key=value); default: -c's db_* settings, then PG* variables"},
			&cli.StringFlag{Name: "series", Usage: "target Odoo series; inferred from the manifests when they agree"},
			&cli.StringSliceFlag{Name: "installed", Usage: "MODULE=VERSION, overriding the database's latest_version"},
			&cli.StringFlag{Name: "installed-file", Usage: "file of MODULE=VERSION lines, overriding the database"},
			&cli.StringSliceFlag{Name: "modules", Usage: "as Odoo's -u: these modules and their installed dependents"},
			&cli.BoolFlag{Name: "dry-run", Usage: "roll everything back at the end; a script's cr.commit() fails it"},
			&cli.StringFlag{Name: "commit-every", Usage: "\"module\": commit after each module's post stage, as Odoo does (default: one transaction)"},
			&cli.BoolFlag{Name: "update-versions", Usage: "write each upgraded module's target version to ir_module_module.latest_version"},
			&cli.StringFlag{Name: "python", Usage: "the Python interpreter (default: python3 on PATH, resolved to the real binary)"},
			&cli.StringFlag{Name: "host", Value: "auto", Usage: "the Python host: auto (embedded where its pre-check passes, else CPython), embedded (gpython in a sandboxed worker, no Python needed) or external (CPython)"},
			&cli.StringSliceFlag{Name: "allow-fs", Usage: "a directory embedded scripts may read (repeatable); by default they read no file"},
			&cli.DurationFlag{Name: "lock-timeout", Value: 30 * time.Second, Usage: "how long to wait for another run's lock before exiting 3"},
			&cli.BoolFlag{Name: "strict", Usage: "a script without migrate() fails the run instead of being skipped"},
			&cli.DurationFlag{Name: "script-timeout", Usage: "kill a script (Python loops included) that runs longer, and roll back (default: no limit)"},
			&cli.DurationFlag{Name: "statement-timeout", Usage: "PostgreSQL statement_timeout for the run (default: the server's)"},
			&cli.StringFlag{Name: "report-json", Usage: "write the run report as JSON to this file"},
			&cli.StringFlag{Name: "junit", Usage: "write the run as JUnit XML to this file: one testcase per planned script"},
			&cli.IntFlag{Name: "jobs", Usage: "connections upgrade-util's explode_execute/parallel_execute run their buckets on (default: the number of CPUs)"},
			skipORMFlag(),
		},
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			if c.Int("jobs") < 0 {
				return cli.Exit(fmt.Sprintf("--jobs %d: want a positive number of connections (0: one per CPU)", c.Int("jobs")), exitBadInput)
			}
			if ce := c.String("commit-every"); ce != "" && ce != "module" {
				return cli.Exit(fmt.Sprintf("--commit-every %q: want module", ce), exitBadInput)
			}
			host := c.String("host")
			if host != runner.HostAuto && host != runner.HostExternal && host != runner.HostEmbedded {
				return cli.Exit(fmt.Sprintf("--host %q: want auto, embedded or external", host), exitBadInput)
			}
			allowFS := c.StringSlice("allow-fs")
			for _, d := range allowFS {
				if fi, err := os.Stat(d); err != nil || !fi.IsDir() {
					return cli.Exit(fmt.Sprintf("--allow-fs %s: not a directory", d), exitBadInput)
				}
			}
			cfg, conn, _, plan, err := planFromDatabase(c, "run")
			if err != nil {
				return err
			}
			conn.Close(context.Background()) // the run opens its own connections
			var python string
			switch {
			case host == runner.HostExternal || host == runner.HostAuto && c.IsSet("python"):
				if python, err = pyhost.ResolvePython(c.Context, c.String("python")); err != nil {
					return cli.Exit(err, exitBadInput)
				}
			case host == runner.HostAuto: // CPython is the fallback, if there is one
				if python, err = pyhost.ResolvePython(c.Context, ""); err != nil {
					slog.Debug("no CPython for --host auto's fallback", "err", err)
					python = ""
				}
			}
			rep, err := runner.Run(c.Context, plan, runner.Options{
				Conn: cfg, Python: python, Host: host, AllowFS: allowFS, DryRun: c.Bool("dry-run"), CommitEvery: c.String("commit-every"),
				UpdateVersions: c.Bool("update-versions"), LockTimeout: c.Duration("lock-timeout"), Strict: c.Bool("strict"),
				ScriptTimeout: c.Duration("script-timeout"), StatementTimeout: c.Duration("statement-timeout"), Jobs: c.Int("jobs"),
				SkipORM: c.Bool("skip-orm"),
				OnScript: func(s runner.ScriptReport) {
					textout.ScriptLine(c.App.Writer, s)
					for _, p := range s.CommitPoints {
						fmt.Fprintf(c.App.Writer, "         commit point: %s %s\n", textout.Safe(s.Script), textout.Safe(p.String()))
					}
					if s.Warning != "" {
						slog.Warn(s.Warning, "module", s.Module, "version", s.Version, "phase", s.Phase, "script", s.Script)
					}
					for _, rec := range s.Logs { // script logging joins ours, with its place attached
						slog.Log(c.Context, pyLevel(rec[0]), rec[2], "logger", rec[1], "module", s.Module,
							"version", s.Version, "phase", s.Phase, "script", s.Script)
					}
				},
			})
			var busy *sqlexec.LockBusyError
			if errors.As(err, &busy) {
				return cli.Exit(err, exitLocked)
			}
			var hostErr *runner.HostError
			if errors.As(err, &hostErr) {
				return cli.Exit(fmt.Sprintf("run: %v", err), exitBadInput)
			}
			var ormErr *runner.ORMError
			if errors.As(err, &ormErr) {
				return cli.Exit(ormRefusal(ormErr), exitBadInput)
			}
			if rep != nil {
				textout.RunSummary(c.App.Writer, rep, shortPath)
				if name := c.String("report-json"); name != "" {
					werr := writeAtomic(name, func(w io.Writer) error {
						enc := json.NewEncoder(w)
						enc.SetIndent("", "  ")
						return enc.Encode(rep)
					})
					if werr != nil {
						return cli.Exit(fmt.Sprintf("--report-json: %v", werr), exitFailure)
					}
				}
				if name := c.String("junit"); name != "" {
					if werr := writeAtomic(name, func(w io.Writer) error { return runner.WriteJUnit(w, rep, plan) }); werr != nil {
						return cli.Exit(fmt.Sprintf("--junit: %v", werr), exitFailure)
					}
				}
			}
			switch {
			case err != nil:
				return cli.Exit(fmt.Sprintf("run: %v", err), exitFailure)
			case rep.Failed:
				return cli.Exit("", exitFailure)
			}
			return nil
		},
	}
}

// connect finds the database as --dsn, then -c's db_* settings, then the
// PG* variables say, and connects to it.
func connect(c *cli.Context, verb string) (*pgx.ConnConfig, *pgx.Conn, error) {
	conf, err := loadConfig(c)
	if err != nil {
		return nil, nil, err
	}
	cfg, err := sqlexec.ConnConfig(c.String("dsn"), conf)
	if err != nil {
		return nil, nil, cli.Exit(err, exitBadInput)
	}
	conn, err := pgx.ConnectConfig(c.Context, cfg)
	if err != nil {
		return nil, nil, cli.Exit(fmt.Sprintf("%s: connect: %v", verb, err), exitBadInput)
	}
	return cfg, conn, nil
}

// planFromDatabase connects, reads the installed versions (the database's,
// overridden by the flags), discovers the tree and builds the plan: what
// run and status both start with. The caller closes conn.
func planFromDatabase(c *cli.Context, verb string) (*pgx.ConnConfig, *pgx.Conn, *discover.Inventory, *phases.Plan, error) {
	cfg, conn, err := connect(c, verb)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	fail := func(err error) (*pgx.ConnConfig, *pgx.Conn, *discover.Inventory, *phases.Plan, error) {
		conn.Close(context.Background())
		return nil, nil, nil, nil, err
	}
	installed, err := installedFromConn(c, conn)
	if err != nil {
		return fail(cli.Exit(err, exitBadInput))
	}
	inv, err := runDiscover(c)
	if err != nil {
		return fail(err)
	}
	plan, err := phases.Build(inv, phases.Options{Series: c.String("series"), Installed: installed,
		Modules: splitList(c.StringSlice("modules"))})
	if err != nil {
		return fail(cli.Exit(fmt.Sprintf("%s: %v", verb, err), exitBadInput))
	}
	return cfg, conn, inv, plan, nil
}

// pyLevel maps a Python logging level name to slog's.
func pyLevel(name string) slog.Level {
	switch name {
	case "DEBUG":
		return slog.LevelDebug
	case "INFO":
		return slog.LevelInfo
	case "WARNING":
		return slog.LevelWarn
	}
	return slog.LevelError
}

// writeAtomic writes a report next to its final name first, so that a
// crash never leaves half a file where CI looks for one.
func writeAtomic(name string, write func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name()) // a no-op once renamed
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(f.Name(), name)
}

func statusCommand() *cli.Command {
	return &cli.Command{
		Name:  "status",
		Usage: "show the history ledger of a database, the scripts still pending and the scripts edited since they were applied",
		UsageText: "migrate-runner status [--dsn DSN | -c odoo.conf] [--addons-path P1,P2] [--upgrade-path U1,U2]\n" +
			"   [--series 17.0] [--installed MODULE=VERSION ...] [--modules m1,m2] [--limit 20] [--json]",
		Flags: []cli.Flag{addonsPathFlag(), upgradePathFlag(), configFlag(), jsonFlag(),
			&cli.StringFlag{Name: "dsn", Usage: "the database (URL or key=value); default: -c's db_* settings, then PG* variables"},
			&cli.StringFlag{Name: "series", Usage: "target Odoo series; inferred from the manifests when they agree"},
			&cli.StringSliceFlag{Name: "installed", Usage: "MODULE=VERSION, overriding the database's latest_version"},
			&cli.StringFlag{Name: "installed-file", Usage: "file of MODULE=VERSION lines, overriding the database"},
			&cli.StringSliceFlag{Name: "modules", Usage: "as Odoo's -u: these modules and their installed dependents"},
			&cli.IntFlag{Name: "limit", Value: 20, Usage: "history entries to show (0: all)"},
		},
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			cfg, conn, inv, plan, err := planFromDatabase(c, "status")
			if err != nil {
				return err
			}
			defer conn.Close(context.Background())
			applied, err := sqlexec.AppliedChecksums(c.Context, conn)
			if err != nil {
				return cli.Exit(err, exitFailure)
			}
			history, err := sqlexec.History(c.Context, conn, c.Int("limit"))
			if err != nil {
				return cli.Exit(err, exitFailure)
			}
			report, err := status.Build(cfg.Database, plan, inv, applied, history)
			if err != nil {
				return cli.Exit(err, exitFailure)
			}
			if c.Bool("json") {
				enc := json.NewEncoder(c.App.Writer)
				enc.SetIndent("", "  ")
				err = enc.Encode(report)
			} else {
				err = textout.Status(c.App.Writer, report, shortPath)
			}
			if err != nil {
				return cli.Exit(err, exitFailure)
			}
			return nil
		},
	}
}

// installedFromConn reads installed versions on an open connection, then
// applies --installed-file and --installed.
func installedFromConn(c *cli.Context, conn *pgx.Conn) (map[string]string, error) {
	versions, err := dbVersions(c.Context, conn)
	if err != nil {
		return nil, err
	}
	return overrideInstalled(c, versions)
}

func runDiscover(c *cli.Context) (*discover.Inventory, error) {
	conf, err := loadConfig(c)
	if err != nil {
		return nil, err
	}
	addons, upgrades := splitList(c.StringSlice("addons-path")), splitList(c.StringSlice("upgrade-path"))
	if conf != nil && len(addons) == 0 {
		addons = conf.Paths("addons_path")
	}
	if conf != nil && len(upgrades) == 0 {
		upgrades = conf.Paths("upgrade_path")
	}
	if len(addons) == 0 {
		return nil, cli.Exit("--addons-path is required (or an addons_path in the -c file)", exitBadInput)
	}
	start := time.Now()
	inv, err := discover.Discover(c.Context, discover.Options{AddonsPaths: addons, UpgradePaths: upgrades})
	if err != nil {
		return nil, cli.Exit(err, exitBadInput)
	}
	slog.Debug("discovered", "modules", len(inv.Modules), "diagnostics", len(inv.Diagnostics), "took", time.Since(start))
	return inv, nil
}

// installedFrom merges the database's installed versions (with --dsn or
// -c), --installed-file and --installed, later sources overriding.
func installedFrom(c *cli.Context, conf *odooconf.Config) (map[string]string, error) {
	installed := map[string]string{}
	if c.String("dsn") != "" || conf != nil {
		fromDB, err := installedFromDB(c.Context, c.String("dsn"), conf)
		if err != nil {
			return nil, err
		}
		installed = fromDB
	}
	return overrideInstalled(c, installed)
}

// overrideInstalled applies --installed-file, then --installed, to the
// versions read so far.
func overrideInstalled(c *cli.Context, installed map[string]string) (map[string]string, error) {
	if name := c.String("installed-file"); name != "" {
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("--installed-file: %w", err)
		}
		defer f.Close()
		if err := phases.ParseInstalled(f, name, installed); err != nil {
			return nil, fmt.Errorf("--installed-file %w", err)
		}
	}
	for _, arg := range c.StringSlice("installed") {
		mod, ver, err := phases.ParseInstalledArg(arg)
		if err != nil {
			return nil, fmt.Errorf("--installed %w", err)
		}
		installed[mod] = ver
	}
	return installed, nil
}

func installedFromDB(ctx context.Context, dsn string, conf *odooconf.Config) (map[string]string, error) {
	cfg, err := sqlexec.ConnConfig(dsn, conf)
	if err != nil {
		return nil, err
	}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("installed versions: %w", err)
	}
	defer conn.Close(ctx)
	return dbVersions(ctx, conn)
}

// dbVersions reads ir_module_module's installed versions, warning about
// installed modules without one.
func dbVersions(ctx context.Context, conn *pgx.Conn) (map[string]string, error) {
	versions, noVersion, err := sqlexec.InstalledVersions(ctx, conn)
	if err != nil {
		return nil, err
	}
	for _, m := range noVersion {
		slog.Warn("installed module has no latest_version; treated as not installed", "module", m)
	}
	slog.Debug("installed versions from the database", "database", conn.Config().Database, "modules", len(versions))
	return versions, nil
}

// splitList flattens repeated and comma-separated flag values.
func splitList(values []string) []string {
	var out []string
	for _, v := range values {
		out = append(out, discover.SplitPaths(v)...)
	}
	return out
}

// shortPath shows paths under the working directory relative to it.
func shortPath(p string) string {
	wd, err := os.Getwd()
	if err != nil || !filepath.IsAbs(p) {
		return p
	}
	if rel, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return p
}

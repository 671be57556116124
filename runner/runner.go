// Package runner executes a plan against PostgreSQL: it takes the
// database's run lock, opens the run's REPEATABLE READ transaction, runs
// each script in its own savepoint through a Python host, writes the
// history ledger, and commits (or, on a failure or a dry run, rolls back).
//
// It owns the order of those operations and the report. SQL semantics are
// package sqlexec's, hosting Python is package pyhost's, and what runs in
// which order is package phases'.
package runner

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/migrate-runner/migrate-runner/internal/rawfd"
	"github.com/migrate-runner/migrate-runner/odoolib"
	"github.com/migrate-runner/migrate-runner/order"
	"github.com/migrate-runner/migrate-runner/phases"
	"github.com/migrate-runner/migrate-runner/pyhost"
	"github.com/migrate-runner/migrate-runner/sqlexec"
)

// Options configure a run.
type Options struct {
	Conn   *pgx.ConnConfig
	Python string // a resolved interpreter (pyhost.ResolvePython), for the external host
	// Host is "auto" (the default: the embedded host where its pre-check
	// passes, CPython for the rest), "embedded" (gpython in a worker
	// process of this binary) or "external" (CPython).
	Host string
	// AllowFS are the directories embedded scripts may read (--allow-fs).
	AllowFS     []string
	DryRun      bool   // always roll back; refuse scripts' commits
	CommitEvery string // "" for one transaction, "module" to commit after each module's post stage, as Odoo does
	// UpdateVersions writes each upgraded module's target version to
	// ir_module_module.latest_version before the final commit.
	UpdateVersions bool
	LockTimeout    time.Duration
	Strict         bool // a script without migrate() fails the run instead of being skipped
	// ScriptTimeout bounds one script, Python loops included: the
	// interpreter is killed and the run rolled back. 0: no limit.
	ScriptTimeout time.Duration
	// StatementTimeout is PostgreSQL's statement_timeout for the run's
	// session. 0: the server's setting.
	StatementTimeout time.Duration
	// OnScript, when set, hears about every script as it ends.
	OnScript func(ScriptReport)
	// SkipORM skips the scripts that need Odoo's ORM (reported as
	// skipped); without it a plan holding one is refused (*ORMError).
	SkipORM bool
	// Jobs caps the connections upgrade-util's parallel_execute and
	// explode_execute run their buckets on (--jobs); 0: one per CPU.
	Jobs int
}

// Script statuses in a report.
const (
	Applied = sqlexec.Applied
	Failed  = sqlexec.Failed
	Skipped = "skipped"
)

// ScriptReport is one script's outcome.
type ScriptReport struct {
	Module     string        `json:"module"`
	Version    string        `json:"version"`
	Phase      string        `json:"phase"`
	Script     string        `json:"script"`
	Path       string        `json:"path"`
	SHA256     string        `json:"sha256"`
	Started    time.Time     `json:"started"`
	Duration   time.Duration `json:"duration_ns"`
	Statements int           `json:"statements"`
	RowCount   int64         `json:"rowcount"`
	Status     string        `json:"status"`
	Error      string        `json:"error,omitempty"`
	Traceback  string        `json:"traceback,omitempty"`
	FailedSQL  string        `json:"failed_sql,omitempty"`
	Commits    int           `json:"commits,omitempty"` // cr.commit() calls honoured
	// CommitPoints are the helpers (explode_execute, parallel_execute)
	// that committed the run's transaction mid-script and ran buckets on
	// other connections; a failure lists the buckets whose commits stay.
	CommitPoints []odoolib.CommitPoint `json:"commit_points,omitempty"`
	Stdout       string                `json:"stdout,omitempty"`
	Stderr       string                `json:"stderr,omitempty"`
	Logs         [][3]string           `json:"logs,omitempty"`
	// Warning is set when the script was applied before with other
	// content: it was edited after it was applied.
	Warning string `json:"warning,omitempty"`
	Host    string `json:"host"` // which Python host ran the script: external or embedded
	// HostReason says why --host auto ran the script in CPython: the
	// embedded pre-check's first finding.
	HostReason string `json:"host_reason,omitempty"`
	// ORM lists the uses of Odoo's ORM of a script --skip-orm skipped.
	ORM []phases.ORMUse `json:"orm,omitempty"`
}

// Report is the whole run.
type Report struct {
	RunID    string         `json:"run_id"`
	Database string         `json:"database"`
	DryRun   bool           `json:"dry_run"`
	Scripts  []ScriptReport `json:"scripts"`
	// Committed lists the modules whose work was committed before the run
	// ended (--commit-every module, or scripts' own commits): a failure
	// later does not undo it.
	Committed []string `json:"committed,omitempty"`
	Outcome   string   `json:"outcome"` // committed, rolled back (dry run), rolled back after a failure
	Failed    bool     `json:"failed"`
}

// Run executes the plan's script steps in order.
func Run(ctx context.Context, plan *phases.Plan, opts Options) (*Report, error) {
	rep := &Report{RunID: newRunID(), Database: opts.Conn.Database, DryRun: opts.DryRun, Scripts: []ScriptReport{}}
	// A script that needs Odoo's ORM would fail halfway: the plan is
	// refused (or, with SkipORM, those scripts skipped) before anything
	// touches the database.
	ormSkips, err := checkORM(ctx, plan, opts)
	if err != nil {
		return nil, err
	}
	// Which host runs each script is settled before the database is
	// touched: a script no host can run stops the run here.
	choices, err := chooseHosts(withoutScripts(plan, ormSkips), opts)
	if err != nil {
		return nil, err
	}
	lock, err := sqlexec.AcquireLock(ctx, opts.Conn, opts.LockTimeout, 200*time.Millisecond)
	if err != nil {
		return nil, err
	}
	defer lock.Release(context.Background())
	conn, err := pgx.ConnectConfig(ctx, runConnConfig(opts.Conn))
	if err != nil {
		return nil, fmt.Errorf("run: connect: %w", err)
	}
	defer conn.Close(context.Background())
	if usesEmbedded(choices) && !pyhost.DirectLaneUsable(conn.PgConn()) {
		slog.Info("the run's connection uses TLS, which cannot be shared with the embedded worker: its statements go " +
			"through migrate-runner, about twice as slow (for a local server, sslmode=disable lets them go straight)")
	}
	hs, err := startHosts(ctx, choices, opts)
	if err != nil {
		return nil, fmt.Errorf("run: %w", err)
	}
	defer hs.Close()

	if opts.StatementTimeout > 0 {
		if _, err := conn.Exec(ctx, fmt.Sprintf("SET statement_timeout = %d", opts.StatementTimeout.Milliseconds())); err != nil {
			return nil, fmt.Errorf("run: --statement-timeout: %w", err)
		}
	}
	cr := sqlexec.NewCursor(conn.PgConn())
	if err := cr.Begin(ctx); err != nil {
		return nil, fmt.Errorf("run: %w", err)
	}
	if err := sqlexec.EnsureLedger(ctx, conn); err != nil {
		return nil, err
	}
	applied, err := sqlexec.AppliedChecksums(ctx, conn)
	if err != nil {
		return nil, rollbackAfter(ctx, cr, rep, err)
	}
	installed := map[string]string{}
	for _, m := range plan.Modules {
		installed[m.Name] = m.Installed
	}
	lastOfModule := lastPrePost(plan.Steps)
	uncommitted := map[string]bool{} // modules with work in the open transaction

	for i, step := range plan.Steps {
		if ctx.Err() != nil {
			return rep, rollbackAfter(ctx, cr, rep, fmt.Errorf("run interrupted: %w", ctx.Err()))
		}
		uses, skipORM := ormSkips[step.Path]
		if step.Kind == phases.ScriptStep && skipORM {
			sr := ormSkipped(step, uses)
			rep.Scripts = append(rep.Scripts, sr)
			if opts.OnScript != nil {
				opts.OnScript(sr)
			}
		}
		if step.Kind == phases.ScriptStep && !skipORM {
			prev := applied[sqlexec.ScriptKey{Module: step.Module, Version: step.Version, Phase: step.Phase, Script: step.Script}]
			choice := choices[step.Path]
			sr, err := runScript(ctx, hs.get(choice), cr, conn, rep, step, installed[step.Module], order.Major(plan.Series), plan.UpgradePaths, prev, opts)
			sr.HostReason = choice.reason
			rep.Scripts = append(rep.Scripts, sr)
			if opts.OnScript != nil {
				opts.OnScript(sr)
			}
			if err != nil || sr.Status == Failed {
				if sr.Commits > 0 || len(sr.CommitPoints) > 0 { // the script's work up to its last commit stays too
					rep.Committed = appendNew(rep.Committed, keys(uncommitted)...)
					rep.Committed = appendNew(rep.Committed, step.Module)
				}
				rep.Failed = true
				rbErr := rollbackAfter(ctx, cr, rep, err)
				recordFailure(opts.Conn, rep.RunID, sr)
				return rep, rbErr
			}
			if sr.Commits > 0 || len(sr.CommitPoints) > 0 {
				rep.Committed = appendNew(rep.Committed, keys(uncommitted)...)
				clear(uncommitted)
			}
			uncommitted[step.Module] = true
		}
		if opts.CommitEvery == "module" && !opts.DryRun && lastOfModule[i] {
			// Odoo commits once a module's post stage is done.
			if err := cr.Commit(ctx); err != nil {
				return rep, rollbackAfter(ctx, cr, rep, err)
			}
			if err := cr.Begin(ctx); err != nil {
				return rep, fmt.Errorf("run: %w", err)
			}
			if uncommitted[step.Module] {
				rep.Committed = appendNew(rep.Committed, step.Module)
			}
			delete(uncommitted, step.Module)
		}
	}
	if opts.UpdateVersions && !opts.DryRun {
		if err := updateVersions(ctx, cr, plan); err != nil {
			return rep, rollbackAfter(ctx, cr, rep, err)
		}
	}
	if opts.DryRun {
		rep.Outcome = "rolled back (dry run)"
		return rep, cr.Rollback(ctx)
	}
	if err := cr.Commit(ctx); err != nil {
		return rep, rollbackAfter(ctx, cr, rep, err)
	}
	rep.Outcome = "committed"
	return rep, nil
}

// usesEmbedded tells whether any script runs in the embedded host.
func usesEmbedded(choices map[string]hostChoice) bool {
	for _, c := range choices {
		if c.host == HostEmbedded {
			return true
		}
	}
	return false
}

// runConnConfig is the run's connection's configuration: its socket is
// read outside the Go runtime's poller (package internal/rawfd), waiting
// the way libpq waits, which takes about a quarter off a short statement
// through the external host, and lets embedded workers use it as their
// direct lane without waking this process at each of their statements.
func runConnConfig(cfg *pgx.ConnConfig) *pgx.ConnConfig {
	cfg = cfg.Copy()
	cfg.DialFunc = rawfd.Dial(cfg.DialFunc)
	return cfg
}

// runScript runs one script in its own savepoint and records it in the
// ledger when it applied.
func runScript(ctx context.Context, host *pyhost.External, cr *sqlexec.Cursor, conn *pgx.Conn, rep *Report,
	step phases.Step, installed string, major int, upgradePaths []string, appliedSHA string, opts Options) (ScriptReport, error) {
	sr := ScriptReport{Module: step.Module, Version: step.Version, Phase: step.Phase, Script: step.Script,
		Path: step.Path, Started: time.Now(), Host: "external"}
	if host.Embedded {
		sr.Host = "embedded"
	}
	sum, err := sqlexec.FileSHA256(step.Path)
	if err != nil {
		sr.Status, sr.Error = Failed, err.Error()
		return sr, nil
	}
	sr.SHA256 = sum
	if appliedSHA != "" && appliedSHA != sum {
		sr.Warning = fmt.Sprintf("the script was edited after it was applied (sha256 %.12s… then, %.12s… now)", appliedSHA, sum)
	}
	var sp string
	stmts, rows := cr.Statements+1, cr.RowsTotal // the savepoint is not the script's statement
	var refused error
	var bucketStmts int  // the commit points' buckets run on other connections
	var housekeeping int // the commit points' COMMIT, BEGIN and SAVEPOINT are not the script's
	var bucketRows int64
	sctx := ctx
	if opts.ScriptTimeout > 0 {
		var cancel context.CancelFunc
		sctx, cancel = context.WithTimeout(ctx, opts.ScriptTimeout)
		defer cancel()
	}
	out, err := host.Run(sctx, cr, pyhost.Script{Path: step.Path, Module: step.Module, Version: installed, DBName: rep.Database, Major: major,
		UpgradePaths: upgradePaths,
		Start: func(ctx context.Context) (err error) {
			sp, err = cr.Savepoint(ctx)
			return err
		},
		OnCommit: func(rollback bool) error {
			if opts.DryRun {
				refused = &sqlexec.PyError{Type: "ProgrammingError", Msg: "migrate-runner --dry-run: the script called cr.commit() or cr.rollback(); nothing was committed"}
				return refused
			}
			sr.Commits++
			sp = "" // the commit ends the savepoint's transaction
			return nil
		},
		// A commit point (explode_execute, …): commit the run so far and go
		// on in a new transaction, inside a new savepoint for the script.
		Commit: func(ctx context.Context, call string) error {
			if opts.DryRun {
				refused = &sqlexec.PyError{Type: "ProgrammingError", Msg: fmt.Sprintf("%s: %s would commit the script's transaction "+
					"(upgrade-util commits before running buckets in parallel); --dry-run cannot allow that", step.Path, call)}
				return refused
			}
			before := cr.Statements
			defer func() { housekeeping += cr.Statements - before }()
			if err := cr.Commit(ctx); err != nil {
				return err
			}
			if cr.StatusMessage() == "ROLLBACK" { // COMMIT of an aborted transaction rolls it back
				return &sqlexec.PyError{Type: "InternalError", Msg: fmt.Sprintf("%s: %s: the transaction was aborted by an "+
					"earlier error, so its COMMIT rolled it back", step.Path, call)}
			}
			if err := cr.Begin(ctx); err != nil {
				return err
			}
			var err error
			sp, err = cr.Savepoint(ctx)
			return err
		},
		Connect: func(ctx context.Context) (*pgconn.PgConn, error) { return connectBucket(ctx, opts) },
		Jobs:    opts.Jobs,
		CommitPoint: func(p odoolib.CommitPoint) {
			sr.CommitPoints = append(sr.CommitPoints, p)
			for _, b := range p.Committed { // retried buckets ran on cr: counted there
				bucketStmts++
				bucketRows += max(b.RowCount, 0)
			}
		}})
	sr.Duration = time.Since(sr.Started)
	sr.Statements, sr.RowCount = cr.Statements-stmts+bucketStmts-housekeeping, cr.RowsTotal-rows+bucketRows
	if err != nil {
		sr.Status, sr.Error = Failed, err.Error()
		if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
			sr.Error = fmt.Sprintf("the script ran longer than --script-timeout %s; %s was killed", opts.ScriptTimeout, host.Name())
			if errors.Is(err, pyhost.ErrConnectionLost) {
				sr.Error += " in the middle of a statement, so the run's connection was closed with it"
			}
		}
		return sr, err
	}
	sr.Traceback, sr.FailedSQL, sr.Stdout, sr.Stderr, sr.Logs = out.Traceback, out.FailedSQL, out.Stdout, out.Stderr, out.Logs
	switch {
	case refused != nil:
		sr.Status, sr.Error = Failed, refused.Error()
		return sr, nil
	case out.Status == "failed":
		sr.Status, sr.Error = Failed, exceptionLine(out.Traceback)
		return sr, nil
	case out.Status == "no-migrate" && major >= 18:
		// Odoo 18 fails the upgrade here (exec_script's AttributeError).
		sr.Status = Failed
		sr.Error = fmt.Sprintf("AttributeError: module %s: Each %s-migration file must have a \"migrate(cr, installed_version)\" function, not found in %s",
			step.Module, step.Phase, step.Path)
		if len(out.Defined) > 0 {
			sr.Error += " (it defines " + strings.Join(out.Defined, ", ") + ")"
		}
		return sr, nil
	case out.Status == "no-migrate" && opts.Strict:
		sr.Status, sr.Error = Failed, noMigrate(step.Path, out.Defined)+" (--strict)"
		return sr, nil
	case out.Status == "no-migrate":
		sr.Status, sr.Error = Skipped, noMigrate(step.Path, out.Defined)+"; skipped, as Odoo up to 17.0 does (18.0 fails)"
	default:
		sr.Status = Applied
	}
	var entry *sqlexec.Entry
	if sr.Status == Applied {
		entry = &sqlexec.Entry{RunID: rep.RunID, Module: sr.Module, Version: sr.Version,
			Phase: sr.Phase, Script: sr.Script, Path: sr.Path, SHA256: sr.SHA256, StartedAt: sr.Started,
			Duration: sr.Duration, Statements: sr.Statements, RowCount: sr.RowCount, Status: Applied}
	}
	if err := sqlexec.RecordAndRelease(ctx, conn, entry, sp); err != nil {
		sr.Status, sr.Error = Failed, err.Error()
	}
	return sr, nil
}

// connectBucket opens a connection for a commit point's buckets, with
// the run's session settings.
func connectBucket(ctx context.Context, opts Options) (*pgconn.PgConn, error) {
	conn, err := pgconn.ConnectConfig(ctx, &opts.Conn.Config)
	if err != nil {
		return nil, fmt.Errorf("run: bucket connection: %w", err)
	}
	if opts.StatementTimeout > 0 {
		q := fmt.Sprintf("SET statement_timeout = %d", opts.StatementTimeout.Milliseconds())
		if _, err := conn.Exec(ctx, q).ReadAll(); err != nil {
			conn.Close(context.WithoutCancel(ctx))
			return nil, fmt.Errorf("run: bucket connection: --statement-timeout: %w", err)
		}
	}
	return conn, nil
}

// noMigrate says which file lacks migrate(), and what it defines instead,
// which usually shows the typo.
func noMigrate(path string, defined []string) string {
	msg := path + ":1: the script has no migrate(cr, version) function"
	if len(defined) > 0 {
		msg += " (it defines " + strings.Join(defined, ", ") + ")"
	}
	return msg
}

// rollbackAfter rolls the open transaction back after a failure and says
// so in the report; work committed earlier stays, as the report lists.
func rollbackAfter(ctx context.Context, cr *sqlexec.Cursor, rep *Report, cause error) error {
	rep.Failed = true
	rep.Outcome = "rolled back after a failure"
	if errors.Is(cause, pyhost.ErrConnectionLost) {
		// The worker died mid-statement on its direct lane: the
		// connection is closed, and closing it rolled everything back.
		rep.Outcome += " (the embedded worker died in the middle of a statement: the run's connection was closed, " +
			"and PostgreSQL rolled back the whole open transaction)"
	}
	if len(rep.Committed) > 0 {
		rep.Outcome += fmt.Sprintf("; earlier commits stay (modules %v)", rep.Committed)
	}
	if errors.Is(cause, pyhost.ErrConnectionLost) {
		return cause
	}
	rbErr := cr.Rollback(context.WithoutCancel(ctx))
	return errors.Join(cause, rbErr)
}

// recordFailure writes the failed attempt on a separate connection, so
// that it survives the rollback.
func recordFailure(cfg *pgx.ConnConfig, runID string, sr ScriptReport) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return
	}
	defer conn.Close(ctx)
	if sqlexec.EnsureLedger(ctx, conn) != nil {
		return
	}
	msg := sr.Error
	if sr.Traceback != "" {
		msg = sr.Traceback
	}
	_ = sqlexec.Record(ctx, conn, sqlexec.Entry{RunID: runID, Module: sr.Module, Version: sr.Version, Phase: sr.Phase,
		Script: sr.Script, Path: sr.Path, SHA256: sr.SHA256, StartedAt: sr.Started, Duration: sr.Duration,
		Statements: sr.Statements, RowCount: sr.RowCount, Status: Failed, Error: msg})
}

// updateVersions writes the target versions Odoo writes after loading a
// module, when the database has Odoo's module table.
func updateVersions(ctx context.Context, cr *sqlexec.Cursor, plan *phases.Plan) error {
	if err := cr.Execute(ctx, "SELECT to_regclass('ir_module_module') IS NOT NULL", nil); err != nil {
		return err
	}
	row, err := cr.FetchOne()
	if err != nil || row == nil || !row[0].Bool {
		return err
	}
	for _, m := range plan.Modules {
		if m.State != phases.ToUpgrade {
			continue
		}
		p := sqlexec.TupleValue(sqlexec.StrValue(m.Target), sqlexec.StrValue(m.Name))
		if err := cr.Execute(ctx, "UPDATE ir_module_module SET latest_version = %s WHERE name = %s", &p); err != nil {
			return fmt.Errorf("--update-versions: %w", err)
		}
	}
	return nil
}

// lastPrePost marks, for each module, its last step before the end stage:
// the point after its post scripts where Odoo commits.
func lastPrePost(steps []phases.Step) map[int]bool {
	last := map[string]int{}
	for i, s := range steps {
		if s.Phase != "end" {
			last[s.Module] = i
		}
	}
	out := map[int]bool{}
	for _, i := range last {
		out[i] = true
	}
	return out
}

func newRunID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return time.Now().UTC().Format("20060102T150405Z") + "-" + hex.EncodeToString(b)
}

// lastLine is the traceback's last line.
func lastLine(tb string) string {
	lines := strings.Split(strings.TrimRight(tb, "\n "), "\n")
	return lines[len(lines)-1]
}

// exceptionLine is what the report says of a failed script: the first
// line of the traceback's final exception ("psycopg2.errors.UniqueViolation:
// duplicate key value violates …"), which follows the last frame
// ("  File …") and the lines indented under it (the source line, CPython
// 3.11's ^^^ markers). The traceback's last line would be psycopg2's
// DETAIL or HINT for a database error. A traceback with no frame gives
// its last line.
func exceptionLine(tb string) string {
	lines := strings.Split(strings.TrimRight(tb, "\n "), "\n")
	frame := -1
	for i, l := range lines {
		if strings.HasPrefix(l, "  File \"") {
			frame = i
		}
	}
	if frame < 0 {
		return lines[len(lines)-1]
	}
	i := frame + 1
	for i < len(lines) && strings.HasPrefix(lines[i], "    ") {
		i++
	}
	if i == len(lines) {
		return lines[len(lines)-1]
	}
	return lines[i]
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func appendNew(list []string, items ...string) []string {
	for _, it := range items {
		found := false
		for _, x := range list {
			found = found || x == it
		}
		if !found {
			list = append(list, it)
		}
	}
	return list
}

package trace

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/migrate-runner/migrate-runner/order"
	"github.com/migrate-runner/migrate-runner/phases"
	"github.com/migrate-runner/migrate-runner/pyhost"
	"github.com/migrate-runner/migrate-runner/runner"
	"github.com/migrate-runner/migrate-runner/sqlexec"
	"github.com/migrate-runner/migrate-runner/trace/schema"
)

// Options configure a trace.
type Options struct {
	// Host, Python and AllowFS choose and start the Python hosts as for
	// runner.Run.
	Host    string
	Python  string
	AllowFS []string
	// Schema is the database's structure for catalog queries; nil is an
	// empty database. SchemaPath names it in the report.
	Schema     *schema.Schema
	SchemaPath string
	// DBName is cr.dbname and current_database(); "" means "trace".
	DBName string
	// Now is cr.now()'s answer; the zero time means the trace's start.
	Now time.Time
	// ScriptTimeout bounds one script (0: none); a script that overruns
	// is killed with its host, which is restarted for the next script.
	ScriptTimeout time.Duration
	// MaxStatements caps the statements kept per script (0: no cap); the
	// report counts the rest.
	MaxStatements int
	// upgradePaths are the plan's, for import_script (set by Run).
	upgradePaths []string
	// OnScript, when set, hears about each script as it ends.
	OnScript func(Script)
}

// Statuses of a traced script.
const (
	OK      = "ok"
	Failed  = "failed"
	Skipped = "skipped" // no migrate() function, as Odoo up to 17.0 skips it
)

// Script is one traced script.
type Script struct {
	Module  string `json:"module"`
	Version string `json:"version"` // the version folder
	Phase   string `json:"phase"`
	Script  string `json:"script"`
	Path    string `json:"path"`
	Source  string `json:"source"`
	// Installed is migrate()'s version argument; Target the module's
	// version after the upgrade.
	Installed  string      `json:"installed"`
	Target     string      `json:"target"`
	Host       string      `json:"host"`
	HostReason string      `json:"host_reason,omitempty"`
	Status     string      `json:"status"`
	Error      string      `json:"error,omitempty"`
	Line       int         `json:"line,omitempty"` // the script's line the error was raised from, when known
	Stdout     string      `json:"stdout,omitempty"`
	Logs       [][3]string `json:"logs,omitempty"`
	Statements []Statement `json:"statements"`
	// Omitted counts the statements sent past Options.MaxStatements.
	Omitted int `json:"omitted,omitempty"`
}

// Report is a whole trace.
type Report struct {
	Series  string   `json:"series"`
	Schema  string   `json:"schema,omitempty"`
	Scripts []Script `json:"scripts"`
	// Planned is how many scripts the plan holds; fewer ran when the
	// trace stopped.
	Planned    int    `json:"planned"`
	Statements int    `json:"statements"` // sent, omitted ones included
	Failed     int    `json:"failed"`
	Stopped    string `json:"stopped,omitempty"` // why the trace ended before the last script
}

// Run traces the plan's scripts in order. An error means the trace could
// not start (no host for a script). A host that dies (a crash, a script
// timeout) fails its script and is restarted for the next one; the trace
// ends early, with Report.Stopped set, only when it cannot be restarted
// or ctx ends.
func Run(ctx context.Context, plan *phases.Plan, opts Options) (*Report, error) {
	rep := &Report{Series: plan.Series, Schema: opts.SchemaPath, Scripts: []Script{}}
	opts.upgradePaths = plan.UpgradePaths
	for _, s := range plan.Steps {
		if s.Kind == phases.ScriptStep {
			rep.Planned++
		}
	}
	if opts.DBName == "" {
		opts.DBName = "trace"
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	hostOpts := runner.Options{Host: opts.Host, Python: opts.Python, AllowFS: opts.AllowFS}
	hs, err := runner.StartHosts(ctx, plan, hostOpts)
	if err != nil {
		return nil, err
	}
	defer func() {
		if hs != nil {
			hs.Close()
		}
	}()
	rec := NewRecorder(opts.Schema, opts.DBName, opts.Now)
	rec.Limit = opts.MaxStatements
	cr := sqlexec.NewCursorOn(rec)
	installed, target := map[string]string{}, map[string]string{}
	for _, m := range plan.Modules {
		installed[m.Name], target[m.Name] = m.Installed, m.Target
	}
	major := order.Major(plan.Series)
	for _, step := range plan.Steps {
		if step.Kind != phases.ScriptStep {
			continue
		}
		if err := ctx.Err(); err != nil {
			rep.Stopped = fmt.Sprintf("interrupted: %v", err)
			break
		}
		host, name, reason := hs.For(step.Path)
		sc := Script{Module: step.Module, Version: step.Version, Phase: step.Phase, Script: step.Script,
			Path: step.Path, Source: string(step.Source), Installed: installed[step.Module], Target: target[step.Module], Host: name, HostReason: reason}
		hostDied := runScript(ctx, host, cr, rec, &sc, major, opts)
		rep.Scripts = append(rep.Scripts, sc)
		rep.Statements += len(sc.Statements) + sc.Omitted
		if sc.Status == Failed {
			rep.Failed++
		}
		if opts.OnScript != nil {
			opts.OnScript(sc)
		}
		if hostDied && ctx.Err() == nil {
			hs.Close()
			if hs, err = runner.StartHosts(ctx, plan, hostOpts); err != nil {
				hs = nil
				rep.Stopped = fmt.Sprintf("restarting the Python host after %s: %v", sc.Script, err)
				break
			}
		}
	}
	return rep, nil
}

// runScript runs one script; it reports whether its host died (and must
// be restarted).
func runScript(ctx context.Context, host *pyhost.External, cr *sqlexec.Cursor, rec *Recorder, sc *Script, major int, opts Options) bool {
	sctx := ctx
	if opts.ScriptTimeout > 0 {
		var cancel context.CancelFunc
		sctx, cancel = context.WithTimeout(ctx, opts.ScriptTimeout)
		defer cancel()
	}
	out, err := host.Run(sctx, cr, pyhost.Script{Path: sc.Path, Module: sc.Module, Version: sc.Installed, DBName: opts.DBName, Major: major,
		UpgradePaths: opts.upgradePaths})
	sc.Statements, sc.Omitted = rec.Take()
	if sc.Statements == nil {
		sc.Statements = []Statement{}
	}
	if err != nil {
		sc.Status, sc.Error = Failed, err.Error()
		if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
			sc.Error = fmt.Sprintf("the script ran longer than --script-timeout %s; %s was killed", opts.ScriptTimeout, host.Name())
		}
		return true
	}
	sc.Stdout, sc.Logs = out.Stdout, out.Logs
	if out.Stderr != "" {
		slog.Debug("script stderr", "script", sc.Path, "stderr", out.Stderr)
	}
	switch out.Status {
	case "failed":
		sc.Status, sc.Error = Failed, lastLine(out.Traceback)
		sc.Line = scriptLine(out.Traceback, sc.Path)
	case "no-migrate":
		sc.Status, sc.Error = Skipped, "the script has no migrate(cr, version) function"
		if len(out.Defined) > 0 {
			sc.Error += " (it defines " + strings.Join(out.Defined, ", ") + ")"
		}
	default:
		sc.Status = OK
	}
	return false
}

func lastLine(tb string) string {
	tb = strings.TrimRight(tb, " \n")
	if i := strings.LastIndexByte(tb, '\n'); i >= 0 {
		return tb[i+1:]
	}
	return tb
}

var frameRE = regexp.MustCompile(`File "([^"]+)", line (\d+)`)

// scriptLine finds the innermost traceback frame in the script's file.
func scriptLine(tb, path string) int {
	line := 0
	for _, m := range frameRE.FindAllStringSubmatch(tb, -1) {
		if m[1] == path {
			line, _ = strconv.Atoi(m[2])
		}
	}
	return line
}

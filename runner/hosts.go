package runner

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"

	"github.com/migrate-runner/migrate-runner/phases"
	"github.com/migrate-runner/migrate-runner/pyhost"
)

// Host names, as --host takes them and reports show them.
const (
	HostAuto     = "auto"
	HostEmbedded = "embedded"
	HostExternal = "external"
)

// hostChoice is where one script runs, and why there.
type hostChoice struct {
	host   string
	reason string // set when --host auto sent the script to CPython
}

// HostError says that some scripts cannot run on any host the run may
// use; it lists every such script with the construct and its place.
type HostError struct {
	Host     string
	Problems []string // "path:line: construct: message"
}

func (e *HostError) Error() string {
	var b strings.Builder
	switch e.Host {
	case HostEmbedded:
		fmt.Fprintf(&b, "%d script(s) cannot run in the embedded host (use --host auto or external with Python 3 installed):", len(e.Problems))
	default:
		fmt.Fprintf(&b, "%d script(s) need CPython, and no Python interpreter was found (install python3 or give --python):", len(e.Problems))
	}
	for _, p := range e.Problems {
		b.WriteString("\n  " + p)
	}
	return b.String()
}

// chooseHosts decides, before anything touches the database, which host
// runs each script: all of them on the host --host names, or with auto
// the embedded host for every script its pre-check passes and CPython
// for the rest.
func chooseHosts(plan *phases.Plan, opts Options) (map[string]hostChoice, error) {
	host := opts.Host
	if host == "" {
		host = HostAuto
	}
	out := map[string]hostChoice{}
	var problems []string
	var paths []string
	for _, step := range plan.Steps {
		if step.Kind != phases.ScriptStep {
			continue
		}
		if _, seen := out[step.Path]; seen {
			continue
		}
		out[step.Path] = hostChoice{host: HostExternal}
		paths = append(paths, step.Path)
	}
	if host == HostExternal {
		return out, nil
	}
	// The pre-check parses every script; the parses are independent, so
	// they share the CPUs.
	findings := make([][]pyhost.Finding, len(paths))
	errs := make([]error, len(paths))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < min(runtime.NumCPU(), len(paths)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				findings[i], errs[i] = pyhost.CheckEmbedded(paths[i], len(opts.AllowFS) > 0)
			}
		}()
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, path := range paths {
		if errs[i] != nil {
			return nil, errs[i]
		}
		if len(findings[i]) == 0 {
			out[path] = hostChoice{host: HostEmbedded}
			continue
		}
		first := findings[i][0]
		if host == HostAuto && opts.Python != "" {
			out[path] = hostChoice{host: HostExternal,
				reason: fmt.Sprintf("embedded pre-check: %s at line %d", first.Construct, first.Line)}
			continue
		}
		for _, f := range findings[i] {
			problems = append(problems, fmt.Sprintf("%s:%d: %s: %s", path, f.Line, f.Construct, f.Message))
		}
	}
	if len(problems) > 0 {
		return nil, &HostError{Host: host, Problems: problems}
	}
	return out, nil
}

// hosts starts the host processes the choices need, and only those.
type hosts struct {
	embedded, external *pyhost.External
}

func startHosts(ctx context.Context, choices map[string]hostChoice, opts Options) (*hosts, error) {
	h := &hosts{}
	var err error
	for _, c := range choices {
		switch {
		case c.host == HostEmbedded && h.embedded == nil:
			h.embedded, err = pyhost.StartEmbedded(ctx, opts.AllowFS...)
		case c.host == HostExternal && h.external == nil:
			h.external, err = pyhost.StartExternal(ctx, opts.Python)
		}
		if err != nil {
			h.Close()
			return nil, err
		}
	}
	return h, nil
}

func (h *hosts) get(c hostChoice) *pyhost.External {
	if c.host == HostEmbedded {
		return h.embedded
	}
	return h.external
}

func (h *hosts) Close() {
	if h.embedded != nil {
		h.embedded.Close()
	}
	if h.external != nil {
		h.external.Close()
	}
}

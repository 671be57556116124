package runner

import (
	"context"

	"github.com/migrate-runner/migrate-runner/phases"
	"github.com/migrate-runner/migrate-runner/pyhost"
)

// HostSet is the Python hosts a plan's scripts run on, chosen and started
// exactly as Run chooses and starts them (Options.Host, Python, AllowFS),
// for commands that run the same scripts without Run's database work:
// the trace command.
type HostSet struct {
	choices map[string]hostChoice
	hosts   *hosts
}

// StartHosts chooses each script's host (a *HostError when a script can
// run on none) and starts the hosts the choices need.
func StartHosts(ctx context.Context, plan *phases.Plan, opts Options) (*HostSet, error) {
	choices, err := chooseHosts(plan, opts)
	if err != nil {
		return nil, err
	}
	hs, err := startHosts(ctx, choices, opts)
	if err != nil {
		return nil, err
	}
	return &HostSet{choices: choices, hosts: hs}, nil
}

// For returns the host that runs the script at path, its name (embedded
// or external) and, under --host auto, why it went to CPython.
func (h *HostSet) For(path string) (host *pyhost.External, name, reason string) {
	c := h.choices[path]
	return h.hosts.get(c), c.host, c.reason
}

// Close stops the hosts.
func (h *HostSet) Close() { h.hosts.Close() }

package order

import (
	"sort"
	"strings"
)

// Node is one module in dependency-graph order.
type Node struct {
	Name  string
	Depth int
	// External marks a dependency that is not among the given modules
	// (Odoo's own addons, say): it sits at depth 0, as base does.
	External bool
}

// CycleError names the modules of a dependency cycle.
type CycleError struct{ Modules []string }

func (e *CycleError) Error() string {
	return "dependency cycle: " + strings.Join(e.Modules, " → ")
}

// Graph orders modules as Odoo's loader iterates its graph: by depth (0 for
// a module without dependencies, else 1 + the deepest dependency), then by
// name. deps maps each known module to its manifest depends. Dependencies
// that are not keys of deps are returned as External nodes.
func Graph(deps map[string][]string) ([]Node, error) {
	const (
		unseen = iota
		visiting
		done
	)
	state := make(map[string]int, len(deps))
	depth := make(map[string]int, len(deps))
	external := map[string]bool{}
	var stack []string

	var visit func(name string) error
	visit = func(name string) error {
		switch state[name] {
		case done:
			return nil
		case visiting:
			i := len(stack) - 1
			for stack[i] != name {
				i--
			}
			cycle := append(append([]string{}, stack[i:]...), name)
			return &CycleError{Modules: cycle}
		}
		state[name] = visiting
		stack = append(stack, name)
		d := 0
		for _, dep := range deps[name] {
			if _, ok := deps[dep]; !ok {
				external[dep] = true
				d = max(d, 1)
				continue
			}
			if err := visit(dep); err != nil {
				return err
			}
			d = max(d, depth[dep]+1)
		}
		stack = stack[:len(stack)-1]
		state[name] = done
		depth[name] = d
		return nil
	}

	names := make([]string, 0, len(deps))
	for n := range deps {
		names = append(names, n)
	}
	sort.Strings(names) // a deterministic cycle report
	for _, n := range names {
		if err := visit(n); err != nil {
			return nil, err
		}
	}
	nodes := make([]Node, 0, len(names)+len(external))
	for _, n := range names {
		nodes = append(nodes, Node{Name: n, Depth: depth[n]})
	}
	for n := range external {
		nodes = append(nodes, Node{Name: n, External: true})
	}
	sort.Slice(nodes, func(i, j int) bool {
		if nodes[i].Depth != nodes[j].Depth {
			return nodes[i].Depth < nodes[j].Depth
		}
		return nodes[i].Name < nodes[j].Name
	})
	return nodes, nil
}

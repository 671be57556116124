package pystdlib

import (
	"sort"
	"sync"

	"github.com/go-python/gpython/py"
)

var (
	installOnce sync.Once
	moduleNames []string
)

// Install registers the modules of this package with gpython (once per
// process; later calls do nothing). Each context that imports one gets
// its own module instance; the classes and the regexp cache are shared
// and immutable, so contexts may run concurrently.
func Install() {
	installOnce.Do(func() {
		initMappingTypes()
		initDequeType()
		impls := []*py.ModuleImpl{
			reModule(),
			jsonModule(),
			collectionsModule(),
			itertoolsModule(),
			functoolsModule(),
			copyModule(),
			textwrapModule(),
		}
		for _, impl := range impls {
			py.RegisterModule(impl)
			moduleNames = append(moduleNames, impl.Info.Name)
		}
		sort.Strings(moduleNames)
	})
}

// Names returns the names of the modules Install registers, sorted, for
// the sandbox's import whitelist. It calls Install.
func Names() []string {
	Install()
	return append([]string(nil), moduleNames...)
}

func collectionsModule() *py.ModuleImpl {
	return &py.ModuleImpl{
		Info: py.ModuleInfo{Name: "collections", Doc: "defaultdict, OrderedDict, Counter, namedtuple and deque (Go implementation)."},
		Methods: []*py.Method{
			method("namedtuple", "Returns a new subclass of tuple with named fields.", namedtupleFactory),
		},
		Globals: py.StringDict{
			"defaultdict": DefaultDictType,
			"OrderedDict": OrderedDictType,
			"Counter":     CounterType,
			"deque":       dequeType,
			"__path__":    py.NewList(),
		},
	}
}

func itertoolsModule() *py.ModuleImpl {
	return &py.ModuleImpl{
		Info:    py.ModuleInfo{Name: "itertools", Doc: "Functional tools for creating and using iterators (Go implementation)."},
		Globals: initItertools(),
	}
}

package precheck

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/go-python/gpython/ast"
	"github.com/go-python/gpython/parser"
	"github.com/go-python/gpython/py"
)

// parse runs gpython's parser on src, turning a parser panic into an
// error. The parser is most of Check's cost (its goyacc stack copies a
// large value per reduction): about 8 µs of CPU a line here under load.
func parse(filename string, src []byte) (mod *ast.Module, err error) {
	defer func() {
		if r := recover(); r != nil {
			mod, err = nil, &parsePanic{value: r}
		}
	}()
	m, err := parser.Parse(bytes.NewReader(src), filename, py.ExecMode)
	if err != nil {
		return nil, err
	}
	mod, ok := m.(*ast.Module)
	if !ok {
		return nil, errors.New("gpython's parser returned no module")
	}
	return mod, nil
}

// parsePanic is a Go panic inside gpython's parser.
type parsePanic struct{ value any }

func (p *parsePanic) Error() string { return fmt.Sprintf("gpython's parser crashed: %v", p.value) }

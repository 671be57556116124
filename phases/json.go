package phases

import (
	"io"

	"github.com/migrate-runner/migrate-runner/internal/jsonout"
)

// WriteJSON writes the plan as one JSON document with one array element
// per line. It streams, so a 150,000-step plan is never held twice in
// memory.
func (p *Plan) WriteJSON(w io.Writer) error {
	return jsonout.Write(w, []jsonout.Field{
		{Name: "series", Value: p.Series},
		{Name: "modules", N: len(p.Modules), Elem: func(i int) any { return p.Modules[i] }},
		{Name: "steps", N: len(p.Steps), Append: func(b []byte, i int) []byte { return p.Steps[i].appendJSON(b) }},
		{Name: "skipped", N: len(p.Skipped), Elem: func(i int) any { return p.Skipped[i] }, Omit: p.Skipped == nil},
		{Name: "diagnostics", N: len(p.Diagnostics), Elem: func(i int) any { return p.Diagnostics[i] }},
	})
}

// appendJSON writes the step as encoding/json would (fields in declaration
// order, omitempty honoured); TestStepJSONMatchesEncodingJSON checks it.
func (s Step) appendJSON(b []byte) []byte {
	b = append(b, `{"kind":`...)
	b = jsonout.AppendString(b, string(s.Kind))
	b = append(b, `,"module":`...)
	b = jsonout.AppendString(b, s.Module)
	if s.Version != "" {
		b = append(b, `,"version":`...)
		b = jsonout.AppendString(b, s.Version)
	}
	b = append(b, `,"phase":`...)
	b = jsonout.AppendString(b, s.Phase)
	for _, f := range [...]struct{ name, v string }{{`,"script":`, s.Script}, {`,"path":`, s.Path}, {`,"source":`, string(s.Source)}} {
		if f.v != "" {
			b = append(b, f.name...)
			b = jsonout.AppendString(b, f.v)
		}
	}
	return append(b, '}')
}

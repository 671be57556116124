package phases

import (
	"io"
	"strconv"

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
	if len(s.Needs) > 0 {
		b = append(b, `,"needs":[`...)
		for i, n := range s.Needs {
			if i > 0 {
				b = append(b, ',')
			}
			b = jsonout.AppendString(b, n)
		}
		b = append(b, ']')
	}
	if len(s.ORM) > 0 {
		b = append(b, `,"orm":[`...)
		for i, u := range s.ORM {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"line":`...)
			b = strconv.AppendInt(b, int64(u.Line), 10)
			b = append(b, `,"construct":`...)
			b = jsonout.AppendString(b, u.Construct)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if s.NeedsFallback != "" {
		b = append(b, `,"needs_fallback":`...)
		b = jsonout.AppendString(b, s.NeedsFallback)
	}
	return append(b, '}')
}

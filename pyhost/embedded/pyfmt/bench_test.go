package pyfmt

import (
	"testing"

	"github.com/go-python/gpython/py"
)

func BenchmarkPercent(b *testing.B) {
	cases := []struct {
		name   string
		format string
		args   py.Object
	}{
		{"sql_in", "UPDATE res_partner SET active = %s WHERE id IN %s", py.Tuple{py.False, py.Tuple{py.Int(1), py.Int(2), py.Int(3)}}},
		{"log_line", "Updated %d partners in %.2fs (%s)", py.Tuple{py.Int(1234), py.Float(0.5678), py.String("res.partner")}},
		{"mapping", "%(table)s.%(column)s = %(value)r", py.StringDict{"table": py.String("res_partner"), "column": py.String("name"), "value": py.String("x")}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Percent(c.format, c.args); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkFormatValue(b *testing.B) {
	cases := []struct {
		name       string
		value      py.Object
		conv, spec string
	}{
		{"str_plain", py.String("res_partner"), "", ""},
		{"int_plain", py.Int(123456), "", ""},
		{"float_2f", py.Float(1234.5678), "", ",.2f"},
		{"str_repr", py.String("it's"), "r", ""},
		{"int_pad", py.Int(42), "", ">8"},
		{"float_repr", py.Float(0.1), "", ""},
		{"tuple_str", py.Tuple{py.Int(1), py.String("a")}, "", ""},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := FormatValue(c.value, c.conv, c.spec); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkStrFormat(b *testing.B) {
	args := py.Tuple{py.String("res_partner"), py.Int(42), py.Float(3.5)}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := StrFormat("{} has {:>5} rows ({!r}, {:.1%})", append(args, py.Float(0.25)), nil); err != nil {
			b.Fatal(err)
		}
	}
}

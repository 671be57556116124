package embedded

import (
	"github.com/go-python/gpython/py"
)

// The upgrade-util functions that call back into the script, so that Go
// cannot run them as a helper: if_unchanged and dispatch_by_dbuuid. They
// mirror harness.py's; the SQL they need (is_changed, force_noupdate,
// dbuuid) runs in package upgradeutil through the usual helpers.

// utilGlobals are what odoo.upgrade.util gets from this file.
func utilGlobals() py.StringDict {
	return py.StringDict{
		"chunks": py.MustNewMethod("chunks", chunks, 0, "chunks(iterable, size, fmt=None): iterable in pieces of size, each passed to fmt"),
		"import_script": py.MustNewMethod("import_script", importScript, 0,
			"import_script(path, name=None): the upgrade script at path in the run's upgrade directories, as a module"),
		"if_unchanged": py.MustNewMethod("if_unchanged", func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			if len(args) < 3 {
				return nil, py.ExceptionNewf(py.TypeError, "if_unchanged() missing required arguments: 'cr', 'xmlid' and 'callback'")
			}
			if len(args) > 4 {
				return nil, py.ExceptionNewf(py.TypeError, "if_unchanged() takes from 3 to 4 positional arguments but %d were given", len(args))
			}
			cr, xmlid, callback := args[0], args[1], args[2]
			var interval py.Object = py.String("1 minute")
			rest := py.StringDict{}
			for k, v := range kwargs {
				rest[k] = v
			}
			if len(args) == 4 {
				interval = args[3]
			} else if v, ok := rest["interval"]; ok {
				interval = v
			}
			delete(rest, "interval")
			changed, err := py.Call(helper("odoo.upgrade.util.is_changed"), py.Tuple{cr, xmlid}, py.StringDict{"interval": interval})
			if err != nil {
				return nil, err
			}
			switch changed {
			case py.None:
				return py.None, nil
			case py.False:
				return py.Call(callback, py.Tuple{cr, xmlid}, rest)
			}
			return py.Call(helper("odoo.upgrade.util.force_noupdate"), py.Tuple{cr, xmlid}, py.StringDict{"noupdate": py.True})
		}, 0, "if_unchanged(cr, xmlid, callback, interval='1 minute', **kwargs): callback(cr, xmlid, **kwargs) if the record is unchanged, else mark it noupdate"),
		"dispatch_by_dbuuid": py.MustNewMethod("dispatch_by_dbuuid", func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			var cr, version, callbacks py.Object
			if err := py.ParseTupleAndKeywords(args, kwargs, "OOO:dispatch_by_dbuuid", []string{"cr", "version", "callbacks"}, &cr, &version, &callbacks); err != nil {
				return nil, err
			}
			uuid, err := py.Call(helper("odoo.upgrade.util.dbuuid"), py.Tuple{cr}, nil)
			if err != nil {
				return nil, err
			}
			if in, err := py.SequenceContains(callbacks, uuid); err != nil || !in {
				return py.None, err
			}
			fn, err := py.GetItem(callbacks, uuid)
			if err != nil {
				return nil, err
			}
			name, _ := py.GetAttrString(fn, "__name__")
			if err := getLogger("odoo.upgrade.util").emit(levels["INFO"], py.Tuple{py.String("calling dbuuid-specific function `%s`"), name}); err != nil {
				return nil, err
			}
			if _, err := py.Call(fn, py.Tuple{cr, version}, nil); err != nil {
				return nil, err
			}
			return py.None, nil
		}, 0, "dispatch_by_dbuuid(cr, version, callbacks): run callbacks[dbuuid](cr, version) for this database"),
	}
}

// chunks is upgrade-util's chunks(iterable, size, fmt=None): the items
// in pieces of size, each passed to fmt ("".join for a str, else iter).
// Upstream's is a generator; this one reads the iterable first, then
// returns an iterator over the formatted pieces.
func chunks(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	var iterable, sizeObj, fmtObj py.Object = nil, nil, py.None
	if err := py.ParseTupleAndKeywords(args, kwargs, "OO|O:chunks", []string{"iterable", "size", "fmt"}, &iterable, &sizeObj, &fmtObj); err != nil {
		return nil, err
	}
	size, ok := sizeObj.(py.Int)
	if !ok {
		return nil, py.ExceptionNewf(py.TypeError, "chunks(): size must be an int, not %s", sizeObj.Type().Name)
	}
	if fmtObj == py.None {
		if _, isStr := iterable.(py.String); isStr {
			join, err := py.GetAttrString(py.String(""), "join")
			if err != nil {
				return nil, err
			}
			fmtObj = join
		}
	}
	var items []py.Object
	if err := py.Iterate(iterable, func(o py.Object) bool { items = append(items, o); return false }); err != nil {
		return nil, err
	}
	if len(items) > 0 && size < 1 {
		return nil, py.ExceptionNewf(py.ValueError, "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.")
	}
	var out []py.Object
	for start := 0; start < len(items); start += int(size) {
		piece := py.Object(py.NewIterator(py.Tuple(items[start:min(start+int(size), len(items))])))
		if fmtObj != py.None {
			var err error
			if piece, err = py.Call(fmtObj, py.Tuple{piece}, nil); err != nil {
				return nil, err
			}
		}
		out = append(out, piece)
	}
	return py.NewIterator(py.Tuple(out)), nil
}

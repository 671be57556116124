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

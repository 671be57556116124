package compat

import (
	"github.com/go-python/gpython/py"

	"github.com/migrate-runner/migrate-runner/pyhost/embedded/prepass"
	"github.com/migrate-runner/migrate-runner/pyhost/embedded/pystdlib"
)

// Dict displays and comprehensions are lowered by the pre-pass to
// __mr_dict__ (an insertion-ordered, any-hashable-key pystdlib dict), and
// `f(**expr)` to `f(**__mr_kw__(expr))`: gpython's CALL_FUNCTION_KW
// accepts only its own str-keyed dict.

func dictBuiltins(def func(name, doc string, fn func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error))) {
	def(prepass.FnDict, prepass.FnDict+"(*pairs) -> ordered dict (emitted by the source pre-pass for dict displays)",
		func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			if err := noKwargs(prepass.FnDict, kwargs); err != nil {
				return nil, err
			}
			return pystdlib.DictFromPairs(args)
		})
	def(prepass.FnKw, prepass.FnKw+"(mapping) -> str-keyed gpython dict for ** call unpacking (emitted by the source pre-pass)",
		func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			if err := oneArg(prepass.FnKw, args, kwargs); err != nil {
				return nil, err
			}
			return kwargsOf(args[0])
		})
}

// kwargsOf converts the operand of `**` in a call to the dict gpython's
// call machinery takes, with CPython's errors.
func kwargsOf(o py.Object) (py.Object, error) {
	switch v := o.(type) {
	case py.StringDict:
		return v, nil
	case *pystdlib.Mapping:
		d := py.NewStringDictSized(v.Len())
		for _, kv := range v.Items() {
			k, ok := kv[0].(py.String)
			if !ok {
				return nil, typeErrorf("keywords must be strings")
			}
			d[string(k)] = kv[1]
		}
		return d, nil
	}
	if _, err := py.GetAttrString(o, "keys"); err != nil {
		return nil, typeErrorf("argument after ** must be a mapping, not %s", typeName(o))
	}
	d := py.NewStringDict()
	return d, dictMerge(d, o)
}

// isDictClass reports whether t is one of pystdlib's mapping classes,
// all dict subclasses in CPython (dict itself, defaultdict, OrderedDict,
// Counter), so that isinstance(x, dict) holds for them.
func isDictClass(t *py.Type) bool {
	return t != nil && (t == pystdlib.DictType || t == pystdlib.DefaultDictType || t == pystdlib.OrderedDictType || t == pystdlib.CounterType)
}

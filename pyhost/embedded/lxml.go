package embedded

import (
	"fmt"
	"strings"

	"github.com/antchfx/xmlquery"
	"github.com/antchfx/xpath"
	"github.com/go-python/gpython/py"

	"github.com/migrate-runner/migrate-runner/odoolib/editview"
	"github.com/migrate-runner/migrate-runner/pyhost/embedded/pystdlib"
)

// lxml.etree for the embedded host: the subset of lxml's element API
// that edit_view users touch (xpath, attrib, text, tail, getparent,
// remove, addnext, addprevious, append, insert, set, get, …), over
// package editview's tree. tostring writes what lxml writes, so an edit
// gives the same arch as in the external host, where real lxml runs.

var (
	elementType = py.NewType("_Element", "lxml.etree._Element, served by migrate-runner")
	attribType  = py.NewType("_Attrib", "lxml.etree._Attrib: an element's live attribute mapping")
	editViewCM  = py.NewType("_GeneratorContextManager", "util.edit_view(...): yields a view's arch")
	skippableCM = py.NewType("_GeneratorContextManager", "util.skippable_cm(): lets a nested context manager not yield")

	xmlSyntaxError *py.Type
	xpathEvalError *py.Type
)

type element struct{ n *xmlquery.Node }

func (e *element) Type() *py.Type { return elementType }

type attrib struct{ n *xmlquery.Node }

func (a *attrib) Type() *py.Type { return attribType }

// proxies keeps one Python object per node, so that `is` works as in
// lxml (a worker runs one script at a time, in one goroutine). Each script
// starts with an empty map: no tree outlives the script that parsed it.
var proxies = map[*xmlquery.Node]*element{}

func resetProxies() { clear(proxies) }

func wrap(n *xmlquery.Node) *element {
	if e, ok := proxies[n]; ok {
		return e
	}
	e := &element{n: n}
	proxies[n] = e
	return e
}

// ownDocument gives a new element a document of its own, as lxml does,
// so that "//x" searches from its top.
func ownDocument(n *xmlquery.Node) *xmlquery.Node {
	doc := &xmlquery.Node{Type: xmlquery.DocumentNode}
	xmlquery.AddChild(doc, n)
	return n
}

func asElement(o py.Object, what string) (*element, error) {
	e, ok := o.(*element)
	if !ok {
		return nil, py.ExceptionNewf(py.TypeError, "%s must be an lxml element, not %s", what, o.Type().Name)
	}
	return e, nil
}

func pyStr(o py.Object, what string) (string, error) {
	switch v := o.(type) {
	case py.String:
		return string(v), nil
	case py.Bytes:
		return string(v), nil
	}
	return "", py.ExceptionNewf(py.TypeError, "%s must be str, not %s", what, o.Type().Name)
}

func optStr(s string, ok bool) py.Object {
	if !ok {
		return py.None
	}
	return py.String(s)
}

// lxmlFromstring is etree.fromstring(text): the root element.
func lxmlFromstring(text string) (py.Object, error) {
	root, err := editview.Parse(text)
	if err != nil {
		return nil, py.ExceptionNewf(xmlSyntaxError, "%v", err)
	}
	return wrap(root), nil
}

func (e *element) parent() *xmlquery.Node {
	if p := e.n.Parent; p != nil && p.Type == xmlquery.ElementNode {
		return p
	}
	return nil
}

// xpathEval is el.xpath(expr): elements, strings (attributes, text()),
// or a number, str or bool for scalar expressions, as lxml returns them.
func (e *element) xpathEval(expr string) (py.Object, error) {
	x, err := xpath.Compile(expr)
	if err != nil {
		return nil, py.ExceptionNewf(xpathEvalError, "Invalid expression: %s (%v)", expr, err)
	}
	switch v := x.Evaluate(xmlquery.CreateXPathNavigator(e.n)).(type) {
	case float64:
		return py.Float(v), nil
	case string:
		return py.String(v), nil
	case bool:
		return py.NewBool(v), nil
	case *xpath.NodeIterator:
		var out []py.Object
		for v.MoveNext() {
			nav, ok := v.Current().(*xmlquery.NodeNavigator)
			if !ok {
				continue
			}
			n := nav.Current()
			switch n.Type {
			case xmlquery.ElementNode, xmlquery.CommentNode:
				out = append(out, wrap(n))
			case xmlquery.AttributeNode:
				out = append(out, py.String(n.InnerText()))
			case xmlquery.TextNode, xmlquery.CharDataNode:
				out = append(out, py.String(n.Data))
			}
		}
		return py.NewListFromItems(out), nil
	}
	return nil, py.ExceptionNewf(xpathEvalError, "Unsupported result of %s", expr)
}

// elementPath turns ElementTree's path syntax (find, findall) into XPath.
func elementPath(path string) string {
	if strings.HasPrefix(path, ".") || strings.HasPrefix(path, "/") {
		return path
	}
	return "./" + path
}

func (e *element) findAll(path string) ([]py.Object, error) {
	res, err := e.xpathEval(elementPath(path))
	if err != nil {
		return nil, err
	}
	l, ok := res.(*py.List)
	if !ok {
		return nil, py.ExceptionNewf(py.SyntaxError, "invalid path %s", path)
	}
	return l.Items, nil
}

func (e *element) children() []*xmlquery.Node { return editview.Children(e.n) }

func (e *element) item(i py.Object) (py.Object, error) {
	idx, ok := i.(py.Int)
	if !ok {
		return nil, py.ExceptionNewf(py.TypeError, "element indices must be integers")
	}
	kids := e.children()
	j := int(idx)
	if j < 0 {
		j += len(kids)
	}
	if j < 0 || j >= len(kids) {
		return nil, py.ExceptionNewf(py.IndexError, "list index out of range")
	}
	return wrap(kids[j]), nil
}

func (e *element) M__len__() (py.Object, error)                { return py.Int(len(e.children())), nil }
func (e *element) M__getitem__(i py.Object) (py.Object, error) { return e.item(i) }
func (e *element) M__iter__() (py.Object, error) {
	var items []py.Object
	for _, k := range e.children() {
		items = append(items, wrap(k))
	}
	return py.NewIterator(py.Tuple(items)), nil
}
func (e *element) M__repr__() (py.Object, error) {
	return py.String(fmt.Sprintf("<Element %s at %p>", e.n.Data, e.n)), nil
}
func (e *element) M__eq__(o py.Object) (py.Object, error) { return py.NewBool(o == py.Object(e)), nil }
func (e *element) M__ne__(o py.Object) (py.Object, error) { return py.NewBool(o != py.Object(e)), nil }

func (a *attrib) M__getitem__(k py.Object) (py.Object, error) {
	key, err := pyStr(k, "attribute name")
	if err != nil {
		return nil, err
	}
	v, ok := editview.Attr(a.n, key)
	if !ok {
		return nil, py.ExceptionNewf(py.KeyError, "'%s'", key)
	}
	return py.String(v), nil
}
func (a *attrib) M__setitem__(k, v py.Object) (py.Object, error) {
	key, err := pyStr(k, "attribute name")
	if err != nil {
		return nil, err
	}
	val, err := pyStr(v, "attribute value")
	if err != nil {
		return nil, err
	}
	editview.SetAttr(a.n, key, val)
	return py.None, nil
}
func (a *attrib) M__delitem__(k py.Object) (py.Object, error) {
	key, err := pyStr(k, "attribute name")
	if err != nil {
		return nil, err
	}
	if !editview.DelAttr(a.n, key) {
		return nil, py.ExceptionNewf(py.KeyError, "'%s'", key)
	}
	return py.None, nil
}
func (a *attrib) M__contains__(k py.Object) (py.Object, error) {
	key, err := pyStr(k, "attribute name")
	if err != nil {
		return py.False, nil
	}
	_, ok := editview.Attr(a.n, key)
	return py.NewBool(ok), nil
}
func (a *attrib) M__len__() (py.Object, error) { return py.Int(len(a.n.Attr)), nil }
func (a *attrib) M__iter__() (py.Object, error) {
	return py.NewIterator(py.Tuple(strList(editview.AttrKeys(a.n)))), nil
}
func (a *attrib) M__repr__() (py.Object, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, k := range editview.AttrKeys(a.n) {
		if i > 0 {
			b.WriteString(", ")
		}
		v, _ := editview.Attr(a.n, k)
		fmt.Fprintf(&b, "%s: %s", quoteRepr(k), quoteRepr(v))
	}
	b.WriteByte('}')
	return py.String(b.String()), nil
}

func quoteRepr(s string) string {
	r, err := py.Repr(py.String(s))
	if err != nil {
		return "'" + s + "'"
	}
	return string(r.(py.String))
}

func strList(ss []string) []py.Object {
	out := make([]py.Object, len(ss))
	for i, s := range ss {
		out[i] = py.String(s)
	}
	return out
}

func attrPairs(n *xmlquery.Node) []py.Object {
	var out []py.Object
	for _, k := range editview.AttrKeys(n) {
		v, _ := editview.Attr(n, k)
		out = append(out, py.Tuple{py.String(k), py.String(v)})
	}
	return out
}

// attrsOf reads Element()'s attrib argument (a dict, ordered when it
// comes from a display) and keyword attributes. gpython keeps no order
// of keyword arguments, so those come in sorted order: CPython would
// keep the call's order.
func attrsOf(src py.Object, extra py.StringDict) ([][2]string, error) {
	var out [][2]string
	add := func(k, v py.Object) error {
		key, err := pyStr(k, "attribute name")
		if err != nil {
			return err
		}
		val, err := pyStr(v, "attribute value")
		if err != nil {
			return err
		}
		out = append(out, [2]string{key, val})
		return nil
	}
	switch d := src.(type) {
	case nil, py.NoneType:
	case *pystdlib.Mapping:
		for _, kv := range d.Items() {
			if err := add(kv[0], kv[1]); err != nil {
				return nil, err
			}
		}
	case py.StringDict:
		for _, k := range sortedKeys(d) {
			if err := add(py.String(k), d[k]); err != nil {
				return nil, err
			}
		}
	case *attrib: // another element's attrib
		for _, kv := range attrPairs(d.n) {
			if err := add(kv.(py.Tuple)[0], kv.(py.Tuple)[1]); err != nil {
				return nil, err
			}
		}
	default:
		return nil, py.ExceptionNewf(py.TypeError, "attrib must be a dict, not %s", src.Type().Name)
	}
	for _, k := range sortedKeys(extra) {
		if err := add(py.String(k), extra[k]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// tostring is etree.tostring(el, encoding=None, method="xml",
// pretty_print=False, with_tail=True): bytes with non-ASCII as character
// references by default, str with encoding="unicode" (or str).
func tostring(args py.Tuple, kwargs py.StringDict) (py.Object, error) {
	var el py.Object
	var encoding, method py.Object = py.None, py.String("xml")
	var pretty, withTail, decl py.Object = py.False, py.True, py.None
	if err := py.ParseTupleAndKeywords(args, kwargs, "O|OOOOO:tostring",
		[]string{"element_or_tree", "encoding", "method", "pretty_print", "with_tail", "xml_declaration"},
		&el, &encoding, &method, &pretty, &withTail, &decl); err != nil {
		return nil, err
	}
	e, err := asElement(el, "tostring()'s argument")
	if err != nil {
		return nil, err
	}
	if m, _ := method.(py.String); m != "xml" {
		return nil, py.ExceptionNewf(py.ValueError, "tostring(method=%s): the embedded host writes XML only", quoteRepr(string(m)))
	}
	if t, _ := py.MakeBool(pretty); t == py.True {
		return nil, py.ExceptionNewf(py.NotImplementedError, "tostring(pretty_print=True) is not supported by the embedded host")
	}
	if t, _ := py.MakeBool(decl); t == py.True {
		return nil, py.ExceptionNewf(py.NotImplementedError, "tostring(xml_declaration=True) is not supported by the embedded host")
	}
	tail, _ := py.MakeBool(withTail)
	out := editview.Serialize(e.n, tail == py.True)
	switch enc := encoding.(type) {
	case py.String:
		switch strings.ToLower(string(enc)) {
		case "unicode":
			return py.String(out), nil
		case "utf-8", "utf8":
			return py.Bytes(out), nil
		case "ascii", "us-ascii":
		default:
			return nil, py.ExceptionNewf(py.ValueError, "tostring(encoding=%s) is not supported by the embedded host", quoteRepr(string(enc)))
		}
	case *py.Type:
		if enc == py.StringType {
			return py.String(out), nil
		}
		return nil, py.ExceptionNewf(py.TypeError, "tostring(): bad encoding %s", enc.Name)
	}
	var b strings.Builder // ASCII, with character references, as lxml's default
	for _, r := range out {
		if r < 128 {
			b.WriteRune(r)
		} else {
			fmt.Fprintf(&b, "&#%d;", r)
		}
	}
	return py.Bytes(b.String()), nil
}

func newElement(args py.Tuple, kwargs py.StringDict, parent *element) (py.Object, error) {
	if len(args) < 1 || len(args) > 2 {
		return nil, py.ExceptionNewf(py.TypeError, "Element() takes a tag and an optional attrib dict")
	}
	tag, err := pyStr(args[0], "tag")
	if err != nil {
		return nil, err
	}
	var a py.Object = py.None
	if len(args) == 2 {
		a = args[1]
	}
	if v, ok := kwargs["attrib"]; ok {
		a = v
		delete(kwargs, "attrib")
	}
	delete(kwargs, "nsmap")
	attrs, err := attrsOf(a, kwargs)
	if err != nil {
		return nil, err
	}
	n := editview.NewElement(tag, attrs)
	if parent != nil {
		editview.Append(parent.n, n)
	} else {
		ownDocument(n)
	}
	return wrap(n), nil
}

// lxmlModules are the lxml and lxml.etree modules of the embedded host.
func lxmlModules() []*py.ModuleImpl {
	xmlSyntaxError = newException(py.SyntaxError, "XMLSyntaxError", "lxml.etree")
	xpathEvalError = newException(py.ExceptionType, "XPathEvalError", "lxml.etree")
	fromstring := py.MustNewMethod("fromstring", func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		var text, parser py.Object = nil, py.None
		if err := py.ParseTupleAndKeywords(args, kwargs, "O|O:fromstring", []string{"text", "parser"}, &text, &parser); err != nil {
			return nil, err
		}
		s, err := pyStr(text, "fromstring()'s text")
		if err != nil {
			return nil, err
		}
		return lxmlFromstring(s)
	}, 0, "fromstring(text): parse XML, return the root element")
	g := py.StringDict{
		"fromstring": fromstring, "XML": fromstring,
		"tostring": py.MustNewMethod("tostring", func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			return tostring(args, kwargs)
		}, 0, "tostring(element, encoding=None, with_tail=True): serialize as lxml does"),
		"Element": py.MustNewMethod("Element", func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			return newElement(args, kwargs, nil)
		}, 0, "Element(tag, attrib=None, **extra): a new element"),
		"SubElement": py.MustNewMethod("SubElement", func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			if len(args) < 2 {
				return nil, py.ExceptionNewf(py.TypeError, "SubElement() takes a parent and a tag")
			}
			p, err := asElement(args[0], "SubElement()'s parent")
			if err != nil {
				return nil, err
			}
			return newElement(args[1:], kwargs, p)
		}, 0, "SubElement(parent, tag, attrib=None, **extra): a new last child of parent"),
		"_Element": elementType, "XMLSyntaxError": xmlSyntaxError, "XPathEvalError": xpathEvalError,
	}
	return []*py.ModuleImpl{
		{Info: py.ModuleInfo{Name: "lxml"}, Globals: py.StringDict{"__path__": py.NewList()}},
		{Info: py.ModuleInfo{Name: "lxml.etree"}, Globals: g},
	}
}

// editView is util.edit_view(...)'s context manager: __enter__ asks the
// read_arch helper whether and what to yield (raising "generator didn't
// yield" as contextlib does when it is not), __exit__ writes back.
type editView struct {
	cr     py.Object
	args   py.Tuple // xmlid, view_id, skip_if_not_noupdate, active
	viewID py.Object
	active py.Object
	root   *element
}

func (v *editView) Type() *py.Type { return editViewCM }

func (v *editView) M__enter__() (py.Object, error) {
	got, err := py.Call(helper("migrate_runner.views.read_arch"), append(py.Tuple{v.cr}, v.args...), nil)
	if err != nil {
		return nil, err
	}
	t, ok := got.(py.Tuple)
	if !ok {
		return nil, py.ExceptionNewf(py.RuntimeError, "generator didn't yield")
	}
	arch, err := pyStr(t[1], "arch")
	if err != nil {
		return nil, err
	}
	root, err := lxmlFromstring(arch)
	if err != nil {
		return nil, err
	}
	v.viewID, v.active, v.root = t[0], t[2], root.(*element)
	return root, nil
}

func (v *editView) M__exit__(excType, _, _ py.Object) (py.Object, error) {
	if excType != py.None {
		return py.False, nil // the exception goes on; nothing is written
	}
	arch := editview.Serialize(v.root.n, false)
	if _, err := py.Call(helper("migrate_runner.views.write_arch"), py.Tuple{v.cr, v.viewID, py.String(arch), v.active}, nil); err != nil {
		return nil, err
	}
	return py.False, nil
}

type skippable struct{}

func (skippable) Type() *py.Type                 { return skippableCM }
func (skippable) M__enter__() (py.Object, error) { return py.None, nil }
func (skippable) M__exit__(excType, exc, _ py.Object) (py.Object, error) {
	if excType == py.None {
		return py.False, nil
	}
	if t, ok := excType.(*py.Type); ok && t.IsSubtype(py.RuntimeError) {
		if s, err := py.Str(exc); err == nil && strings.Contains(string(s.(py.String)), "generator didn't yield") {
			return py.True, nil
		}
	}
	return py.False, nil
}

// editViewGlobals are what odoo.upgrade.util gets from this file.
func editViewGlobals() py.StringDict {
	return py.StringDict{
		"edit_view": py.MustNewMethod("edit_view", func(_ py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			var cr py.Object
			var xmlid, viewID, skip, active py.Object = py.None, py.None, py.True, py.String("auto")
			if err := py.ParseTupleAndKeywords(args, kwargs, "O|OOOO:edit_view",
				[]string{"cr", "xmlid", "view_id", "skip_if_not_noupdate", "active"}, &cr, &xmlid, &viewID, &skip, &active); err != nil {
				return nil, err
			}
			return &editView{cr: cr, args: py.Tuple{xmlid, viewID, skip, active}}, nil
		}, 0, "edit_view(cr, xmlid=None, view_id=None, skip_if_not_noupdate=True, active='auto'): edit a view's arch"),
		"skippable_cm": py.MustNewMethod("skippable_cm", func(py.Object, py.Tuple, py.StringDict) (py.Object, error) {
			return skippable{}, nil
		}, 0, "skippable_cm(): lets the context manager nested in it not yield"),
	}
}

func init() {
	d := elementType.Dict
	method := func(name string, fn func(e *element, args py.Tuple) (py.Object, error)) {
		d[name] = py.MustNewMethod(name, func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
			if len(kwargs) > 0 {
				return nil, py.ExceptionNewf(py.TypeError, "%s() takes no keyword arguments", name)
			}
			return fn(self.(*element), args)
		}, 0, "")
	}
	arity := func(name string, args py.Tuple, min, max int) error {
		if len(args) < min || len(args) > max {
			return py.ExceptionNewf(py.TypeError, "%s() takes %d to %d arguments (%d given)", name, min, max, len(args))
		}
		return nil
	}
	elemArg := func(name string, args py.Tuple, min, max int) (*element, error) {
		if err := arity(name, args, min, max); err != nil {
			return nil, err
		}
		return asElement(args[len(args)-1], name+"()'s argument")
	}
	method("get", func(e *element, args py.Tuple) (py.Object, error) {
		if err := arity("get", args, 1, 2); err != nil {
			return nil, err
		}
		k, err := pyStr(args[0], "attribute name")
		if err != nil {
			return nil, err
		}
		if v, ok := editview.Attr(e.n, k); ok {
			return py.String(v), nil
		}
		if len(args) == 2 {
			return args[1], nil
		}
		return py.None, nil
	})
	method("set", func(e *element, args py.Tuple) (py.Object, error) {
		if err := arity("set", args, 2, 2); err != nil {
			return nil, err
		}
		return (&attrib{e.n}).M__setitem__(args[0], args[1])
	})
	method("keys", func(e *element, _ py.Tuple) (py.Object, error) {
		return py.NewListFromItems(strList(editview.AttrKeys(e.n))), nil
	})
	method("items", func(e *element, _ py.Tuple) (py.Object, error) { return py.NewListFromItems(attrPairs(e.n)), nil })
	method("values", func(e *element, _ py.Tuple) (py.Object, error) {
		var out []py.Object
		for _, kv := range attrPairs(e.n) {
			out = append(out, kv.(py.Tuple)[1])
		}
		return py.NewListFromItems(out), nil
	})
	method("xpath", func(e *element, args py.Tuple) (py.Object, error) {
		if err := arity("xpath", args, 1, 1); err != nil {
			return nil, err
		}
		expr, err := pyStr(args[0], "xpath expression")
		if err != nil {
			return nil, err
		}
		return e.xpathEval(expr)
	})
	method("find", func(e *element, args py.Tuple) (py.Object, error) {
		if err := arity("find", args, 1, 1); err != nil {
			return nil, err
		}
		path, err := pyStr(args[0], "path")
		if err != nil {
			return nil, err
		}
		all, err := e.findAll(path)
		if err != nil || len(all) == 0 {
			return py.None, err
		}
		return all[0], nil
	})
	method("findall", func(e *element, args py.Tuple) (py.Object, error) {
		if err := arity("findall", args, 1, 1); err != nil {
			return nil, err
		}
		path, err := pyStr(args[0], "path")
		if err != nil {
			return nil, err
		}
		all, err := e.findAll(path)
		return py.NewListFromItems(all), err
	})
	method("iter", func(e *element, args py.Tuple) (py.Object, error) {
		if err := arity("iter", args, 0, 1); err != nil {
			return nil, err
		}
		tag := ""
		if len(args) == 1 && args[0] != py.None {
			t, err := pyStr(args[0], "tag")
			if err != nil {
				return nil, err
			}
			tag = t
		}
		var out []py.Object
		var walk func(n *xmlquery.Node)
		walk = func(n *xmlquery.Node) {
			if n.Type == xmlquery.ElementNode && (tag == "" || tag == "*" || n.Data == tag) {
				out = append(out, wrap(n))
			}
			for _, c := range editview.Children(n) {
				walk(c)
			}
		}
		walk(e.n)
		return py.NewIterator(py.Tuple(out)), nil
	})
	method("getparent", func(e *element, _ py.Tuple) (py.Object, error) {
		if p := e.parent(); p != nil {
			return wrap(p), nil
		}
		return py.None, nil
	})
	sibling := func(e *element, next bool) py.Object {
		for c := step(e.n, next); c != nil; c = step(c, next) {
			if c.Type == xmlquery.ElementNode || c.Type == xmlquery.CommentNode {
				return wrap(c)
			}
		}
		return py.None
	}
	method("getnext", func(e *element, _ py.Tuple) (py.Object, error) { return sibling(e, true), nil })
	method("getprevious", func(e *element, _ py.Tuple) (py.Object, error) { return sibling(e, false), nil })
	method("getchildren", func(e *element, _ py.Tuple) (py.Object, error) {
		var out []py.Object
		for _, k := range e.children() {
			out = append(out, wrap(k))
		}
		return py.NewListFromItems(out), nil
	})
	method("remove", func(e *element, args py.Tuple) (py.Object, error) {
		c, err := elemArg("remove", args, 1, 1)
		if err != nil {
			return nil, err
		}
		if err := editview.Remove(e.n, c.n); err != nil {
			return nil, py.ExceptionNewf(py.ValueError, "%v", err)
		}
		ownDocument(c.n)
		return py.None, nil
	})
	method("append", func(e *element, args py.Tuple) (py.Object, error) {
		c, err := elemArg("append", args, 1, 1)
		if err != nil {
			return nil, err
		}
		editview.Append(e.n, c.n)
		return py.None, nil
	})
	method("extend", func(e *element, args py.Tuple) (py.Object, error) {
		if err := arity("extend", args, 1, 1); err != nil {
			return nil, err
		}
		items, err := py.SequenceList(args[0])
		if err != nil {
			return nil, err
		}
		for _, it := range items.Items {
			c, err := asElement(it, "extend()'s item")
			if err != nil {
				return nil, err
			}
			editview.Append(e.n, c.n)
		}
		return py.None, nil
	})
	method("insert", func(e *element, args py.Tuple) (py.Object, error) {
		c, err := elemArg("insert", args, 2, 2)
		if err != nil {
			return nil, err
		}
		i, ok := args[0].(py.Int)
		if !ok {
			return nil, py.ExceptionNewf(py.TypeError, "insert()'s index must be an integer")
		}
		editview.Insert(e.n, c.n, int(i))
		return py.None, nil
	})
	method("addnext", func(e *element, args py.Tuple) (py.Object, error) {
		c, err := elemArg("addnext", args, 1, 1)
		if err != nil {
			return nil, err
		}
		if e.parent() == nil {
			return nil, py.ExceptionNewf(py.TypeError, "Only processing instructions and comments can be siblings of the root element")
		}
		editview.AddNext(e.n, c.n)
		return py.None, nil
	})
	method("addprevious", func(e *element, args py.Tuple) (py.Object, error) {
		c, err := elemArg("addprevious", args, 1, 1)
		if err != nil {
			return nil, err
		}
		if e.parent() == nil {
			return nil, py.ExceptionNewf(py.TypeError, "Only processing instructions and comments can be siblings of the root element")
		}
		editview.AddPrevious(e.n, c.n)
		return py.None, nil
	})
	method("index", func(e *element, args py.Tuple) (py.Object, error) {
		c, err := elemArg("index", args, 1, 1)
		if err != nil {
			return nil, err
		}
		for i, k := range e.children() {
			if k == c.n {
				return py.Int(i), nil
			}
		}
		return nil, py.ExceptionNewf(py.ValueError, "Element is not a child of this node.")
	})
	prop := func(name string, get func(e *element) py.Object, set func(e *element, v py.Object) error) {
		p := &py.Property{Fget: func(self py.Object) (py.Object, error) { return get(self.(*element)), nil }}
		if set != nil {
			p.Fset = func(self, v py.Object) error { return set(self.(*element), v) }
		}
		d[name] = p
	}
	textSetter := func(apply func(n *xmlquery.Node, s string, ok bool)) func(e *element, v py.Object) error {
		return func(e *element, v py.Object) error {
			if v == py.None {
				apply(e.n, "", false)
				return nil
			}
			s, err := pyStr(v, "text")
			if err != nil {
				return err
			}
			apply(e.n, s, true)
			return nil
		}
	}
	prop("text", func(e *element) py.Object { return optStr(editview.Text(e.n)) }, textSetter(editview.SetText))
	prop("tail", func(e *element) py.Object {
		return optStr(editview.Tail(e.n), editview.HasTail(e.n))
	}, textSetter(editview.SetTail))
	prop("tag", func(e *element) py.Object { return py.String(e.n.Data) }, func(e *element, v py.Object) error {
		s, err := pyStr(v, "tag")
		if err == nil {
			e.n.Data = s
		}
		return err
	})
	prop("attrib", func(e *element) py.Object { return &attrib{e.n} }, nil)

	ad := attribType.Dict
	ad["get"] = py.MustNewMethod("get", func(self py.Object, args py.Tuple) (py.Object, error) {
		return py.Call(d["get"], append(py.Tuple{&element{self.(*attrib).n}}, args...), nil)
	}, 0, "")
	ad["keys"] = py.MustNewMethod("keys", func(self py.Object) (py.Object, error) {
		return py.NewListFromItems(strList(editview.AttrKeys(self.(*attrib).n))), nil
	}, 0, "")
	ad["items"] = py.MustNewMethod("items", func(self py.Object) (py.Object, error) {
		return py.NewListFromItems(attrPairs(self.(*attrib).n)), nil
	}, 0, "")
	ad["pop"] = py.MustNewMethod("pop", func(self py.Object, args py.Tuple) (py.Object, error) {
		a := self.(*attrib)
		if len(args) < 1 || len(args) > 2 {
			return nil, py.ExceptionNewf(py.TypeError, "pop() takes 1 or 2 arguments")
		}
		v, err := a.M__getitem__(args[0])
		if err != nil {
			if len(args) == 2 {
				return args[1], nil
			}
			return nil, err
		}
		_, err = a.M__delitem__(args[0])
		return v, err
	}, 0, "")
	ad["update"] = py.MustNewMethod("update", func(self py.Object, args py.Tuple, kwargs py.StringDict) (py.Object, error) {
		var src py.Object = py.None
		if len(args) == 1 {
			src = args[0]
		}
		pairs, err := attrsOf(src, kwargs)
		if err != nil {
			return nil, err
		}
		for _, kv := range pairs {
			editview.SetAttr(self.(*attrib).n, kv[0], kv[1])
		}
		return py.None, nil
	}, 0, "")
	for _, t := range []*py.Type{elementType, attribType, editViewCM, skippableCM} {
		if err := t.Ready(); err != nil {
			panic(err)
		}
	}
}

func step(n *xmlquery.Node, next bool) *xmlquery.Node {
	if next {
		return n.NextSibling
	}
	return n.PrevSibling
}

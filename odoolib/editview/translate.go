package editview

import (
	"strings"

	"github.com/antchfx/xmlquery"
)

// translatedAttrs are the attributes whose values Odoo translates in
// views (odoo/tools/translate.py's TRANSLATED_ATTRS, less the
// conditional "value").
var translatedAttrs = map[string]bool{
	"string": true, "add-label": true, "help": true, "sum": true, "avg": true, "confirm": true,
	"placeholder": true, "alt": true, "title": true, "aria-label": true, "aria-keyshortcuts": true,
	"data-tooltip": true, "data-editor-message": true, "label": true,
}

// term is one translatable piece of an arch: a text node or an
// attribute value, stripped of surrounding whitespace.
type term struct {
	node *xmlquery.Node // the text node, or the element for an attribute
	attr int            // index in node.Attr, or -1 for text
}

// terms lists root's translatable pieces in document order. It is a
// simplification of Odoo's xml_translate: each text node is one term,
// where Odoo merges text with inline markup (<b>, <span>, …) into one.
// Both sides of a translation go through the same function, so they
// pair up whenever the translated arch has the English one's shape.
func terms(root *xmlquery.Node) []term {
	var out []term
	var walk func(n *xmlquery.Node, off bool)
	walk = func(n *xmlquery.Node, off bool) {
		if v, ok := Attr(n, "t-translation"); ok && v == "off" {
			off = true
		}
		if !off {
			for i, a := range n.Attr {
				if translatedAttrs[qname(a.Name.Space, a.Name.Local)] && strings.TrimSpace(a.Value) != "" {
					out = append(out, term{node: n, attr: i})
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == xmlquery.ElementNode:
				walk(c, off)
			case isText(c) && !off && strings.TrimSpace(c.Data) != "":
				out = append(out, term{node: c, attr: -1})
			}
		}
	}
	walk(root, false)
	return out
}

func (t term) value() string {
	if t.attr >= 0 {
		return strings.TrimSpace(t.node.Attr[t.attr].Value)
	}
	return strings.TrimSpace(t.node.Data)
}

// set replaces the stripped value, keeping the whitespace around it.
func (t term) set(s string) {
	p := &t.node.Data
	if t.attr >= 0 {
		p = &t.node.Attr[t.attr].Value
	}
	lead := len(*p) - len(strings.TrimLeft(*p, " \t\n\r"))
	trail := len(strings.TrimRight(*p, " \t\n\r"))
	*p = (*p)[:lead] + s + (*p)[trail:]
}

// Terms lists an arch's translatable terms (for tests and trace).
func Terms(arch string) ([]string, error) {
	root, err := Parse(arch)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, t := range terms(root) {
		out = append(out, t.value())
	}
	return out, nil
}

// Translate carries a translation over to an edited arch, as
// upgrade-util's edit_view does with xml_translate: it pairs the
// English terms with the translated ones by position, and replaces each
// term of the edited arch that has a pair. Terms without one stay in
// English. newArch is the edited English arch.
func Translate(oldEN, oldLang, newArch string) (string, error) {
	en, err := Parse(oldEN)
	if err != nil {
		return "", err
	}
	tr, err := Parse(oldLang)
	if err != nil {
		return "", err
	}
	pairs := map[string]string{}
	enTerms, trTerms := terms(en), terms(tr)
	for i := 0; i < len(enTerms) && i < len(trTerms); i++ {
		pairs[enTerms[i].value()] = trTerms[i].value() // dict(zip(...)): the last pair wins
	}
	root, err := Parse(newArch)
	if err != nil {
		return "", err
	}
	for _, t := range terms(root) {
		if s, ok := pairs[t.value()]; ok {
			t.set(s)
		}
	}
	return Serialize(root, false), nil
}

package editview

import (
	"fmt"
	"strings"

	"github.com/antchfx/xmlquery"
)

// Parse reads an arch as upgrade-util does before it yields it: "&#13;\n"
// becomes "\n" and surrounding whitespace goes. It returns the root
// element, the only child of its document node, so that "//x" matches
// the root too, as in lxml.
func Parse(arch string) (*xmlquery.Node, error) {
	arch = strings.TrimSpace(strings.ReplaceAll(arch, "&#13;\n", "\n"))
	doc, err := xmlquery.Parse(strings.NewReader(arch))
	if err != nil {
		return nil, fmt.Errorf("parse arch: %w", err)
	}
	for n := doc.FirstChild; n != nil; n = n.NextSibling {
		if n.Type == xmlquery.ElementNode {
			for c := doc.FirstChild; c != n; c = doc.FirstChild { // the declaration
				xmlquery.RemoveFromTree(c)
			}
			for c := n.NextSibling; c != nil; c = n.NextSibling {
				xmlquery.RemoveFromTree(c)
			}
			return n, nil
		}
	}
	return nil, fmt.Errorf("parse arch: no element")
}

// Serialize writes n and its subtree as lxml's
// etree.tostring(n, encoding="unicode") does: no declaration, empty
// elements as <tag/>, attributes in order with libxml2's escaping, and
// the element's tail (text after it, up to the next element) when
// withTail is set, as lxml writes it.
func Serialize(n *xmlquery.Node, withTail bool) string {
	var b strings.Builder
	writeNode(&b, n)
	if withTail {
		b.WriteString(escapeText(Tail(n)))
	}
	return b.String()
}

func writeNode(b *strings.Builder, n *xmlquery.Node) {
	switch n.Type {
	case xmlquery.ElementNode:
		b.WriteByte('<')
		b.WriteString(qname(n.Prefix, n.Data))
		for _, a := range n.Attr {
			b.WriteByte(' ')
			b.WriteString(qname(a.Name.Space, a.Name.Local))
			b.WriteString(`="`)
			b.WriteString(escapeAttr(a.Value))
			b.WriteByte('"')
		}
		if n.FirstChild == nil {
			b.WriteString("/>")
			return
		}
		b.WriteByte('>')
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			writeNode(b, c)
		}
		b.WriteString("</" + qname(n.Prefix, n.Data) + ">")
	case xmlquery.TextNode, xmlquery.CharDataNode: // lxml's parser turns CDATA into text
		b.WriteString(escapeText(n.Data))
	case xmlquery.CommentNode:
		b.WriteString("<!--" + n.Data + "-->")
	}
}

func qname(prefix, local string) string {
	if prefix == "" {
		return local
	}
	return prefix + ":" + local
}

// escapeText is libxml2's escaping of character data.
func escapeText(s string) string {
	if !strings.ContainsAny(s, "&<>\r") {
		return s
	}
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\r", "&#13;").Replace(s)
}

// escapeAttr is libxml2's escaping of attribute values.
func escapeAttr(s string) string {
	if !strings.ContainsAny(s, "&<>\"\n\r\t") {
		return s
	}
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;",
		"\n", "&#10;", "\r", "&#13;", "\t", "&#9;").Replace(s)
}

// isText tells whether n is character data (text or CDATA).
func isText(n *xmlquery.Node) bool {
	return n != nil && (n.Type == xmlquery.TextNode || n.Type == xmlquery.CharDataNode)
}

// Text is lxml's element.text: the character data before the first
// child that is not text, or "" (None) when there is none.
func Text(n *xmlquery.Node) (string, bool) {
	var b strings.Builder
	found := false
	for c := n.FirstChild; isText(c); c = c.NextSibling {
		b.WriteString(c.Data)
		found = true
	}
	return b.String(), found
}

// Tail is lxml's element.tail: the character data after n up to its next
// sibling that is not text.
func Tail(n *xmlquery.Node) string {
	var b strings.Builder
	for c := n.NextSibling; isText(c); c = c.NextSibling {
		b.WriteString(c.Data)
	}
	return b.String()
}

// HasTail tells whether n has tail text (lxml's tail is not None).
func HasTail(n *xmlquery.Node) bool { return isText(n.NextSibling) }

// SetText replaces n's text; ok false means None (no text).
func SetText(n *xmlquery.Node, s string, ok bool) {
	for c := n.FirstChild; isText(c); c = n.FirstChild {
		xmlquery.RemoveFromTree(c)
	}
	if !ok {
		return
	}
	t := &xmlquery.Node{Type: xmlquery.TextNode, Data: s}
	if n.FirstChild == nil {
		xmlquery.AddChild(n, t)
		return
	}
	insertBefore(n.FirstChild, t)
}

// SetTail replaces n's tail; ok false means None.
func SetTail(n *xmlquery.Node, s string, ok bool) {
	for c := n.NextSibling; isText(c); c = n.NextSibling {
		xmlquery.RemoveFromTree(c)
	}
	if ok {
		insertAfter(n, &xmlquery.Node{Type: xmlquery.TextNode, Data: s})
	}
}

// insertBefore puts x right before ref, under ref's parent.
func insertBefore(ref, x *xmlquery.Node) {
	x.Parent, x.NextSibling, x.PrevSibling = ref.Parent, ref, ref.PrevSibling
	if ref.PrevSibling != nil {
		ref.PrevSibling.NextSibling = x
	} else if ref.Parent != nil {
		ref.Parent.FirstChild = x
	}
	ref.PrevSibling = x
}

// insertAfter puts x right after ref, under ref's parent.
func insertAfter(ref, x *xmlquery.Node) {
	x.Parent, x.PrevSibling, x.NextSibling = ref.Parent, ref, ref.NextSibling
	if ref.NextSibling != nil {
		ref.NextSibling.PrevSibling = x
	} else if ref.Parent != nil {
		ref.Parent.LastChild = x
	}
	ref.NextSibling = x
}

// detach takes n and its tail out of the tree, as lxml moves an element
// with its tail, and returns the tail nodes.
func detach(n *xmlquery.Node) []*xmlquery.Node {
	var tail []*xmlquery.Node
	for c := n.NextSibling; isText(c); c = c.NextSibling {
		tail = append(tail, c)
	}
	for _, t := range tail {
		xmlquery.RemoveFromTree(t)
	}
	if n.Parent != nil || n.PrevSibling != nil || n.NextSibling != nil {
		xmlquery.RemoveFromTree(n)
	}
	n.Parent, n.PrevSibling, n.NextSibling = nil, nil, nil
	return tail
}

// Remove is lxml's parent.remove(child): the child goes with its tail.
func Remove(parent, child *xmlquery.Node) error {
	if child.Parent != parent {
		return fmt.Errorf("Element is not a child of this node.")
	}
	detach(child)
	return nil
}

// Append is lxml's parent.append(child): child (with its tail) moves to
// the end of parent's children.
func Append(parent, child *xmlquery.Node) {
	tail := detach(child)
	xmlquery.AddChild(parent, child)
	for _, t := range tail {
		xmlquery.AddChild(parent, t)
	}
}

// Insert is lxml's parent.insert(index, child), index counting element
// children (negative from the end, clamped as list.insert does).
func Insert(parent, child *xmlquery.Node, index int) {
	kids := Children(parent)
	if index < 0 {
		index += len(kids)
		if index < 0 {
			index = 0
		}
	}
	if index >= len(kids) {
		Append(parent, child)
		return
	}
	AddPrevious(kids[index], child)
}

// AddNext is lxml's el.addnext(x): x (with its tail) becomes el's next
// sibling, after el's tail.
func AddNext(el, x *xmlquery.Node) {
	tail := detach(x)
	ref := el
	for isText(ref.NextSibling) {
		ref = ref.NextSibling
	}
	insertAfter(ref, x)
	ref = x
	for _, t := range tail {
		insertAfter(ref, t)
		ref = t
	}
}

// AddPrevious is lxml's el.addprevious(x): x (with its tail) goes right
// before el.
func AddPrevious(el, x *xmlquery.Node) {
	tail := detach(x)
	insertBefore(el, x)
	ref := x
	for _, t := range tail {
		insertAfter(ref, t)
		ref = t
	}
}

// Children are n's element and comment children, as lxml iterates them.
func Children(n *xmlquery.Node) []*xmlquery.Node {
	var out []*xmlquery.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == xmlquery.ElementNode || c.Type == xmlquery.CommentNode {
			out = append(out, c)
		}
	}
	return out
}

// NewElement is lxml's Element(tag, attrib).
func NewElement(tag string, attrs [][2]string) *xmlquery.Node {
	n := &xmlquery.Node{Type: xmlquery.ElementNode, Data: tag}
	for _, a := range attrs {
		SetAttr(n, a[0], a[1])
	}
	return n
}

// Attr returns the value of attribute key.
func Attr(n *xmlquery.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if qname(a.Name.Space, a.Name.Local) == key {
			return a.Value, true
		}
	}
	return "", false
}

// SetAttr sets attribute key, keeping its place when it exists and
// appending it otherwise, as lxml does.
func SetAttr(n *xmlquery.Node, key, value string) {
	for i, a := range n.Attr {
		if qname(a.Name.Space, a.Name.Local) == key {
			n.Attr[i].Value = value
			return
		}
	}
	a := xmlquery.Attr{Value: value}
	a.Name.Local = key
	n.Attr = append(n.Attr, a)
}

// DelAttr removes attribute key and tells whether it was there.
func DelAttr(n *xmlquery.Node, key string) bool {
	for i, a := range n.Attr {
		if qname(a.Name.Space, a.Name.Local) == key {
			n.Attr = append(n.Attr[:i:i], n.Attr[i+1:]...)
			return true
		}
	}
	return false
}

// AttrKeys lists n's attribute names in order.
func AttrKeys(n *xmlquery.Node) []string {
	out := make([]string, len(n.Attr))
	for i, a := range n.Attr {
		out[i] = qname(a.Name.Space, a.Name.Local)
	}
	return out
}

package editview

import (
	"os/exec"
	"strings"
	"testing"
)

var archCorpus = []string{
	`<form string="Sales Order"><sheet><group><field name="partner_id"/><field name="note"/></group></sheet></form>`,
	`<a b="1&quot;&gt;&#10;">t<c/>tail<d x="&#9;"></d><!-- c --><e>&amp;&lt;&gt;"'</e></a>`,
	"<tree>\n  <field name=\"a\" string=\"A &amp; B\"/>\n  <field name='b'>  text  </field>\n</tree>",
	`<t t-name="x"><p>Hello <b>world</b>!</p><![CDATA[raw < text]]><span t-esc="x"/></t>`,
	`<data><xpath expr="//field[@name='note']" position="after"><field name="é"/></xpath></data>`,
}

// Serialize writes what lxml's tostring(encoding="unicode") writes, checked
// against lxml itself when an interpreter has it.
func TestSerializeMatchesLxml(t *testing.T) {
	var python string
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(p, "-c", "import lxml.etree").Run() == nil {
			python = p
			break
		}
	}
	if python == "" {
		t.Skip("no python3 with lxml")
	}
	for _, arch := range archCorpus {
		root, err := Parse(arch)
		if err != nil {
			t.Fatal(err)
		}
		got := Serialize(root, false)
		cmd := exec.Command(python, "-c", `import sys, lxml.etree as e
sys.stdout.write(e.tostring(e.fromstring(sys.stdin.read().encode()), encoding="unicode"))`)
		cmd.Stdin = strings.NewReader(arch)
		want, err := cmd.Output()
		if err != nil {
			t.Fatal(err)
		}
		if got != string(want) {
			t.Errorf("Serialize(%s)\n got %s\nwant %s", arch, got, want)
		}
	}
}

func TestTerms(t *testing.T) {
	got, err := Terms(`<form string="Order"><p>  Pay now </p><field name="a" help="Amount" t-translation="off"/><div t-translation="off"><p>no</p></div></form>`)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, "|") != "Order|Pay now" {
		t.Errorf("terms %q", got)
	}
}

// FuzzTranslate: never panics, and translating an arch to itself gives
// it back as lxml would write it.
func FuzzTranslate(f *testing.F) {
	for _, a := range archCorpus {
		f.Add(a)
	}
	f.Fuzz(func(t *testing.T, arch string) {
		root, err := Parse(arch)
		if err != nil {
			return
		}
		want := Serialize(root, false)
		got, err := Translate(arch, arch, arch)
		if err != nil {
			t.Fatalf("Translate: %v", err)
		}
		if got != want {
			t.Errorf("identity translation changed the arch:\n%s\n%s", got, want)
		}
	})
}

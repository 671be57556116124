package editview_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/migrate-runner/migrate-runner/internal/hosttest"
)

func TestMain(m *testing.M) { hosttest.Main(m) }

// lxmlPython is an interpreter that has lxml: the external host's
// edit_view needs it (.ci/run installs python3-lxml for /usr/bin/python3).
func lxmlPython(t *testing.T) string {
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(p, "-c", "import lxml.etree").Run() == nil {
			return p
		}
	}
	t.Log("no python3 with lxml: the embedded host is checked against the wanted output only")
	return "/nonexistent/python3"
}

const header = `from odoo.upgrade import util
from lxml import etree

def arch(cr, vid):
    cr.execute("SELECT arch_db, active FROM ir_ui_view WHERE id = %s", [vid])
    a, active = cr.fetchone()
    return "%s %s" % (sorted(a.items()), active)

def migrate(cr, version):
`

func indent(body string) string {
	var b strings.Builder
	for _, l := range strings.Split(strings.Trim(body, "\n"), "\n") {
		b.WriteString("    " + l + "\n")
	}
	return b.String()
}

func TestEditView(t *testing.T) {
	hosts := hosttest.HostsFor(t, lxmlPython(t))
	cases := []struct {
		name, body, want string
	}{
		{"not noupdate: no yield, skippable", `
with util.skippable_cm(), util.edit_view(cr, "sale.view_order_form") as a:
    print("yielded")
print("skipped")
print(arch(cr, 1))`,
			`skipped
[('en_US', '<form string="Sales Order"><sheet><group><field name="partner_id"/><field name="note"/></group></sheet></form>')] True
`},
		{"unknown xmlid", `
with util.skippable_cm(), util.edit_view(cr, "sale.nope") as a:
    print("yielded")
print("skipped")`, "skipped\n"},
		{"without skippable_cm", `
try:
    with util.edit_view(cr, "sale.view_order_form"):
        pass
except RuntimeError as e:
    print("RuntimeError", e)`, "RuntimeError generator didn't yield\n"},
		{"noupdate xmlid: edit and activate", `
cr.execute("UPDATE ir_ui_view SET active = false WHERE id = 2")
with util.edit_view(cr, "sale.view_order_form_inherit") as a:
    x = a.xpath("//xpath")[0]
    print(x.get("position"), x.attrib["expr"], "position" in x.attrib, len(x))
    x.set("position", "before")
    x[0].attrib["invisible"] = "1"
print(arch(cr, 2))`,
			`after //field[@name='note'] True 1
[('en_US', '<data><xpath expr="//field[@name=\'note\']" position="before"><field name="state" invisible="1"/></xpath></data>')] True
`},
		{"view_id: tree surgery, active untouched", `
cr.execute("UPDATE ir_ui_view SET active = false WHERE id = 1")
with util.edit_view(cr, view_id=1) as a:
    print(a.tag, [f.get("name") for f in a.iter("field")])
    note = a.xpath("//field[@name='note']")[0]
    grp = note.getparent()
    print(grp.tag, grp.index(note), note.getprevious().get("name"), note.getnext())
    new = etree.Element("field", {"name": "state", "widget": "statusbar"})
    note.addnext(new)
    before = etree.SubElement(grp, "separator")
    grp.remove(before)
    note.addprevious(before)
    grp.insert(0, etree.fromstring('<label for="x">Hello &amp; bye</label>'))
    grp.text = "\n  "
    note.tail = " tail "
    a.attrib.pop("string")
    a.set("create", "0")
    print(a.find("sheet/group/label").text, len(a.findall(".//field")), a.xpath("count(//field)"))
    print(etree.tostring(grp[0]))
print(arch(cr, 1))`,
			`form ['partner_id', 'note']
group 1 partner_id None
Hello & bye 3 3.0
b'<label for="x">Hello &amp; bye</label>'
[('en_US', '<form create="0"><sheet><group>\n  <label for="x">Hello &amp; bye</label><field name="partner_id"/><separator/><field name="note"/> tail <field name="state" widget="statusbar"/></group></sheet></form>')] False
`},
		{"translations follow the edit", `
cr.execute("""UPDATE ir_ui_view SET arch_db = jsonb_build_object(
    'en_US', '<form string="Order"><p>Pay now</p><field name="a" help="Amount"/></form>',
    'fr_FR', '<form string="Commande"><p>Payez</p><field name="a" help="Montant"/></form>') WHERE id = 1""")
with util.edit_view(cr, view_id=1, active=False) as a:
    a.append(etree.fromstring('<p>New text</p>'))
    a.insert(0, etree.fromstring('<field name="b" help="Amount"/>'))
print(arch(cr, 1))`,
			`[('en_US', '<form string="Order"><field name="b" help="Amount"/><p>Pay now</p><field name="a" help="Amount"/><p>New text</p></form>'), ('fr_FR', '<form string="Commande"><field name="b" help="Montant"/><p>Payez</p><field name="a" help="Montant"/><p>New text</p></form>')] False
`},
		{"an exception in the block writes nothing", `
try:
    with util.edit_view(cr, view_id=1) as a:
        a.set("string", "changed")
        raise KeyError("stop")
except KeyError:
    pass
print(arch(cr, 1))`,
			`[('en_US', '<form string="Sales Order"><sheet><group><field name="partner_id"/><field name="note"/></group></sheet></form>')] True
`},
		{"bad arguments", `
for kw in ({"xmlid": "sale.view_order_form", "view_id": 1}, {}, {"view_id": 1, "active": "yes"}, {"xmlid": "noDot"}):
    try:
        with util.edit_view(cr, **kw):
            pass
    except (AssertionError, ValueError) as e:
        print(type(e).__name__, e)`,
			`AssertionError You Must specify either xmlid or view_id
AssertionError You Must specify either xmlid or view_id
ValueError Invalid ` + "`active`" + ` value: 'yes'
ValueError Please use fully qualified name <module>.<name>
`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			hosttest.Expect(t, hosts, 17, header+indent(c.body), c.want, hosttest.OdooSchema())
		})
	}
}

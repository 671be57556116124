package upgradeutil_test

import (
	"testing"

	"github.com/migrate-runner/migrate-runner/internal/hosttest"
)

// if_unchanged and dispatch_by_dbuuid call back into the script: the
// hosts implement them over the is_changed, force_noupdate and dbuuid
// helpers. Same output and rows in both hosts.
func TestCallbackHelpers(t *testing.T) {
	hosts := hosttest.Hosts(t)
	cases := []struct{ name, body, want string }{
		{"if_unchanged: unchanged record runs the callback with the extra arguments", `
cr.execute("ALTER TABLE res_partner ADD COLUMN create_date timestamp, ADD COLUMN write_date timestamp")
cr.execute("UPDATE res_partner SET create_date = '2020-01-01', write_date = '2020-01-01'")
def reset(cr, xmlid, tag=None):
    print("callback", xmlid, tag)
util.if_unchanged(cr, "base.main_partner", reset, tag="t1")
print(rows(cr, "SELECT noupdate FROM ir_model_data WHERE module = 'base' AND name = 'main_partner'"))`,
			"callback base.main_partner t1\n[(True,)]\n"},
		{"if_unchanged: changed record becomes noupdate, no callback", `
cr.execute("UPDATE ir_model_data SET noupdate = false WHERE module = 'x_custom' AND name = 'partner_vip'")
cr.execute("ALTER TABLE res_partner ADD COLUMN create_date timestamp, ADD COLUMN write_date timestamp")
cr.execute("UPDATE res_partner SET create_date = '2020-01-01', write_date = '2021-01-01' WHERE id = 3")
util.if_unchanged(cr, "x_custom.partner_vip", lambda cr, x: print("callback"), "1 minute")
print(rows(cr, "SELECT noupdate FROM ir_model_data WHERE module = 'x_custom' AND name = 'partner_vip'"))`,
			"[(True,)]\n"},
		{"if_unchanged: unknown xmlid does nothing", `
util.if_unchanged(cr, "base.nope", lambda cr, x: print("callback"))
print("done")`, "done\n"},
		{"dispatch_by_dbuuid", `
def mine(cr, version):
    print("mine", version)
def other(cr, version):
    print("other")
util.dispatch_by_dbuuid(cr, version, {"00000000-0000-4000-8000-000000000000": mine, "ffff": other})
cr.execute("INSERT INTO ir_config_parameter (key, value) VALUES ('origin.database.uuid', 'ffff')")
util.dispatch_by_dbuuid(cr, version, {"00000000-0000-4000-8000-000000000000": mine, "ffff": other})
util.dispatch_by_dbuuid(cr, version, {})
print(util.dbuuid(cr))`,
			"mine 16.0.1.0\nother\nffff\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			hosttest.Expect(t, hosts, 17, header+indent(c.body), c.want, hosttest.OdooSchema())
		})
	}
}

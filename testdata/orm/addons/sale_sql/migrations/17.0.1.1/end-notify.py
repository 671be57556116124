"""Posts a message on the admin's partner: this needs Odoo's ORM."""
from odoo.upgrade import util


def migrate(cr, version):
    env = util.env(cr)
    admin = env.ref("base.user_admin")
    admin.partner_id.message_post(body="sale_sql upgraded")
    cr.execute("INSERT INTO orm_log (script) VALUES ('sale_sql/end-notify')")

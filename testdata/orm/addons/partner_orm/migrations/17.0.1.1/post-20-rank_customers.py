"""Ranks customers through the ORM: migrate-runner cannot run this one."""
from openupgradelib import openupgrade


@openupgrade.migrate()
def migrate(env, version):
    customers = env["res.partner"].search([("customer_rank", ">", 0)])
    customers.write({"x_rank": 1})
    env.cr.execute("INSERT INTO orm_log (script) VALUES ('partner_orm/post-20')")

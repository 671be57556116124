"""1.1 replaces the per-user x_commission_rate (a Studio field on
res_users) by commission rules per salesperson and product category.
Services earn half the general rate."""
import datetime
import logging

from odoo.tools.sql import column_exists, create_column, table_exists

_logger = logging.getLogger(__name__)

RULES_START = datetime.date(2023, 7, 1)
SERVICES_CATEG = ("product_catalog", "categ_services")


def migrate(cr, version):
    if not table_exists(cr, "sale_commission_rule"):
        cr.execute("""
            CREATE TABLE sale_commission_rule (
                id serial PRIMARY KEY,
                user_id integer NOT NULL REFERENCES res_users (id),
                categ_id integer REFERENCES product_category (id),
                rate numeric NOT NULL,
                date_from date NOT NULL,
                active boolean NOT NULL DEFAULT true
            )
        """)
    if not column_exists(cr, "sale_order", "commission_amount"):
        create_column(cr, "sale_order", "commission_amount", "numeric", "Commission of the salesperson")
    if not column_exists(cr, "res_users", "x_commission_rate"):
        return

    cr.execute("SELECT res_id FROM ir_model_data WHERE module = %s AND name = %s", SERVICES_CATEG)
    services_id = cr.fetchone()[0]
    cr.execute("SELECT id, login, x_commission_rate FROM res_users WHERE x_commission_rate IS NOT NULL ORDER BY id")
    created = 0
    for user_id, login, rate in cr.fetchall():
        for categ_id, categ_rate in ((None, rate), (services_id, rate / 2)):
            cr.execute(
                "INSERT INTO sale_commission_rule (user_id, categ_id, rate, date_from) VALUES (%s, %s, %s, %s)",
                (user_id, categ_id, categ_rate, RULES_START),
            )
            created += cr.rowcount
        _logger.info("%s: %.2f%% general, %.2f%% on services", login, rate, rate / 2)
    cr.execute("ALTER TABLE res_users DROP COLUMN x_commission_rate")
    _logger.info("created %d commission rules valid from %s", created, RULES_START.strftime("%d/%m/%Y"))

"""Recreate the report view dropped by pre-00-drop_report_view, with the
17.0 columns (locked, the country of the customer)."""
import logging

from psycopg2 import sql

_logger = logging.getLogger(__name__)

VIEW = "sale_custom_report"
REPORTED_STATES = ["sale", "sent", "draft"]


def migrate(cr, version):
    query = sql.SQL("""
        CREATE OR REPLACE VIEW {view} AS
        SELECT so.id, so.name, so.partner_id, p.country_id, so.state, so.locked,
               so.amount_untaxed, so.amount_total, so.date_order::date AS order_date
          FROM sale_order so
          JOIN res_partner p ON p.id = so.partner_id
         WHERE so.state IN ({states})
    """).format(
        view=sql.Identifier(VIEW),
        states=sql.SQL(", ").join(map(sql.Literal, REPORTED_STATES)),
    )
    cr.execute(query)
    cr.execute(
        sql.SQL("SELECT state, count(*), sum(amount_total) FROM {} GROUP BY state ORDER BY state").format(
            sql.Identifier(VIEW)
        )
    )
    for state, count, amount in cr.fetchall():
        _logger.info("%-6s %3d orders %12.2f", state, count, amount)

"""Recompute customer_rank from confirmed orders, and remember the top
customer of every country in ir_config_parameter."""
import json
import logging
from collections import defaultdict

_logger = logging.getLogger(__name__)

CONFIRMED = ("sale", "done")


def migrate(cr, version):
    cr.execute(
        """
        SELECT coalesce(p.parent_id, p.id) AS commercial_id, count(so.id)
          FROM sale_order so
          JOIN res_partner p ON p.id = so.partner_id
         WHERE so.state IN %s
      GROUP BY 1
        """,
        (CONFIRMED,),
    )
    ranks = cr.fetchall()
    for partner_id, rank in ranks:
        cr.execute("UPDATE res_partner SET customer_rank = %s WHERE id = %s", [rank, partner_id])
    _logger.info("customer_rank set on %d commercial partners", len(ranks))

    cr.execute("""
        SELECT p.id, p.name, p.customer_rank, c.code
          FROM res_partner p
          JOIN res_country c ON c.id = p.country_id
         WHERE p.customer_rank > 0
    """)
    by_country = defaultdict(list)
    for row in cr.dictfetchall():
        by_country[row["code"]].append(row)
    top = {}
    for code in sorted(by_country):
        best = sorted(by_country[code], key=lambda r: (-r["customer_rank"], r["name"], r["id"]))
        top[code] = [r["name"] for r in best[:2]]
        _logger.info("%s: %s", code, ", ".join("%s (%d)" % (r["name"], r["customer_rank"]) for r in best))
    cr.execute(
        """INSERT INTO ir_config_parameter (key, value) VALUES (%(key)s, %(value)s)
           ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value""",
        {"key": "partner_extension.top_customers", "value": json.dumps(top, sort_keys=True)},
    )

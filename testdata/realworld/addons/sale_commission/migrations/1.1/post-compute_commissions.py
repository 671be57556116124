"""Commission of confirmed orders from the rules made in pre-create_rule_table."""
import itertools
import json
import logging
from collections import defaultdict

_logger = logging.getLogger(__name__)


class MissingRule(LookupError):
    pass


class CommissionRule:
    def __init__(self, user_id, categ_id, rate, date_from):
        self.user_id, self.categ_id, self.rate, self.date_from = user_id, categ_id, rate, date_from

    def applies(self, user_id, categ_id, day):
        return self.user_id == user_id and self.categ_id in (None, categ_id) and day >= self.date_from


def find_rule(rules, user_id, categ_id, day):
    candidates = [r for r in rules if r.applies(user_id, categ_id, day)]
    if not candidates:
        raise MissingRule("no commission rule for user %s, category %s on %s" % (user_id, categ_id, day))
    return max(candidates, key=lambda r: (r.categ_id is not None, r.date_from))


def migrate(cr, version):
    cr.execute("SELECT user_id, categ_id, rate, date_from FROM sale_commission_rule WHERE active ORDER BY id")
    rules = [CommissionRule(*row) for row in cr.fetchall()]
    cr.execute("""
        SELECT so.id, so.name, so.user_id, u.login, so.date_order::date, t.categ_id, l.price_subtotal
          FROM sale_order so
          JOIN res_users u ON u.id = so.user_id
          JOIN sale_order_line l ON l.order_id = so.id
          JOIN product_product pp ON pp.id = l.product_id
          JOIN product_template t ON t.id = pp.product_tmpl_id
         WHERE so.state = 'sale'
      ORDER BY so.id, l.id
    """)
    per_user = defaultdict(list)
    missing = []
    for (order_id, name, user_id, login, day), lines in itertools.groupby(cr.fetchall(), key=lambda r: r[:5]):
        try:
            amount = sum(subtotal * find_rule(rules, user_id, categ_id, day).rate / 100
                         for *_order, categ_id, subtotal in lines)
        except MissingRule as e:
            missing.append(name)
            _logger.warning("%s: %s; commission left empty", name, e)
            continue
        cr.execute("UPDATE sale_order SET commission_amount = %s WHERE id = %s", (round(amount, 2), order_id))
        per_user[login].append((name, round(amount, 2)))
    summary = {login: {"orders": len(items), "total": round(sum(a for _n, a in items), 2),
                       "best": sorted(items, key=lambda it: (-it[1], it[0]))[0][0]}
               for login, items in per_user.items()}
    cr.execute("INSERT INTO ir_config_parameter (key, value) VALUES (%s, %s)",
               ("sale_commission.migration_summary", json.dumps(summary, sort_keys=True, indent=1)))
    _logger.info("commissions on %d orders, %d without a rule (%s)",
                 sum(len(v) for v in per_user.values()), len(missing), ", ".join(missing) or "-")

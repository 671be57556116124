"""Recompute subtotals and totals (17.0.1.8 left them at 0) with flat VAT rates."""
import functools
import itertools
import logging

_logger = logging.getLogger(__name__)

VAT = {"BE": 0.21, "FR": 0.20, "DE": 0.19, "US": 0.0}


class OrderTotals:
    def __init__(self, order_id, name, country):
        self.order_id = order_id
        self.name = name
        self.rate = VAT.get(country, 0.0)
        self.subtotals = []

    def add(self, qty, price, discount):
        subtotal = round(qty * price * (1 - (discount or 0.0) / 100.0), 2)
        self.subtotals.append(subtotal)
        return subtotal

    @property
    def untaxed(self):
        return round(functools.reduce(lambda a, b: a + b, self.subtotals, 0.0), 2)

    @property
    def tax(self):
        return round(self.untaxed * self.rate, 2)

    def __repr__(self):
        return f"<OrderTotals {self.name} {self.untaxed:.2f}+{self.tax:.2f}>"


def migrate(cr, version):
    cr.execute("""
        SELECT l.order_id, so.name, c.code, l.id, l.product_uom_qty, l.price_unit, l.discount
          FROM sale_order_line l
          JOIN sale_order so ON so.id = l.order_id
          JOIN res_partner p ON p.id = so.partner_id
     LEFT JOIN res_country c ON c.id = p.country_id
      ORDER BY l.order_id, l.sequence, l.id
    """)
    rows = cr.fetchall()
    orders = []
    for (order_id, name, country), lines in itertools.groupby(rows, key=lambda r: r[:3]):
        totals = OrderTotals(order_id, name, country)
        for *_head, line_id, qty, price, discount in lines:
            subtotal = totals.add(qty, price, discount)
            cr.execute("UPDATE sale_order_line SET price_subtotal = %s WHERE id = %s", (subtotal, line_id))
        orders.append(totals)
    for totals in orders:
        cr.execute(
            "UPDATE sale_order SET amount_untaxed = %s, amount_tax = %s, amount_total = %s WHERE id = %s",
            (totals.untaxed, totals.tax, round(totals.untaxed + totals.tax, 2), totals.order_id),
        )
        _logger.debug("%r", totals)
    biggest = max(orders, key=lambda t: (t.untaxed, t.name))
    _logger.info(f"{len(rows)} lines on {len(orders)} orders; largest {biggest.name} at {biggest.untaxed:>10,.2f}")

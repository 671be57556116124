"""Quotations get a validity date (order date + the configured number of
days, moved off weekends) and confirmed orders a commitment date."""
import logging
from datetime import datetime, time, timedelta

_logger = logging.getLogger(__name__)

DELIVERY_LEAD = timedelta(days=14)


def next_working_day(day):
    while day.weekday() >= 5:  # Saturday, Sunday
        day += timedelta(days=1)
    return day


def migrate(cr, version):
    cr.execute("SELECT value FROM ir_config_parameter WHERE key = %s", ("sale_custom_flow.default_validity_days",))
    row = cr.fetchone()
    validity_days = int(row[0]) if row else 30

    cr.execute("""
        SELECT id, name, date_order, state
          FROM sale_order
         WHERE validity_date IS NULL
      ORDER BY date_order, id
    """)
    for order in cr.dictfetchall():
        validity = next_working_day(order["date_order"].date() + timedelta(days=validity_days))
        values = {"id": order["id"], "validity": validity, "commitment": None}
        if order["state"] in ("sale", "done"):
            commitment = datetime.combine(next_working_day(order["date_order"].date() + DELIVERY_LEAD), time(10, 0))
            values["commitment"] = commitment
        cr.execute(
            "UPDATE sale_order SET validity_date = %(validity)s, commitment_date = %(commitment)s WHERE id = %(id)s",
            values,
        )
        shifted = (validity - order["date_order"].date()).days - validity_days
        _logger.info(
            f"{order['name']}: valid until {validity:%Y-%m-%d} ({validity.strftime('%A')}"
            f"{', +%dd' % shifted if shifted else ''})"
        )
    cutoff = datetime(2024, 1, 1)
    cr.execute("SELECT count(*) FROM sale_order WHERE date_order < %s AND state = 'draft'", (cutoff,))
    old_drafts = cr.fetchone()[0]
    if old_drafts:
        _logger.warning("%d quotations older than %s are still drafts", old_drafts, cutoff.date().isoformat())

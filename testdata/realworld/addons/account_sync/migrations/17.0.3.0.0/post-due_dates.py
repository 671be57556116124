"""17.0.3.0.0 stores invoice_date_due instead of computing it on the fly:
fill it from the payment terms, and keep the receivables per due month."""
import json
import logging
from collections import defaultdict
from datetime import timedelta

_logger = logging.getLogger(__name__)


def end_of_month(day):
    next_month = day.replace(day=28) + timedelta(days=4)
    return next_month - timedelta(days=next_month.day)


def due_date(invoice_date, days, eom):
    due = invoice_date + timedelta(days=days)
    return end_of_month(due) if eom else due


def migrate(cr, version):
    cr.execute("""
        SELECT m.id, m.name, m.move_type, m.invoice_date, m.amount_total, t.days, t.end_of_month
          FROM account_move m
          JOIN account_payment_term t ON t.id = m.invoice_payment_term_id
         WHERE m.state = 'posted' AND m.invoice_date IS NOT NULL AND m.invoice_date_due IS NULL
      ORDER BY m.invoice_date, m.id
    """)
    per_month = defaultdict(list)
    for move in cr.dictfetchall():
        due = due_date(move["invoice_date"], move["days"], move["end_of_month"])
        cr.execute("UPDATE account_move SET invoice_date_due = %s WHERE id = %s", (due, move["id"]))
        sign = -1 if move["move_type"] == "out_refund" else 1
        per_month[due.strftime("%Y-%m")].append(sign * move["amount_total"])
        _logger.info("{name:<16} {invoice_date} + {days:>2}d{eom} -> {due}".format(
            eom=" (eom)" if move["end_of_month"] else "", due=due.isoformat(), **move))
    receivables = {month: round(sum(amounts), 2) for month, amounts in per_month.items()}
    cr.execute(
        "INSERT INTO ir_config_parameter (key, value) VALUES (%s, %s) "
        "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
        ("account_sync.receivables_by_month", json.dumps(receivables, sort_keys=True)),
    )
    _logger.info("due dates set for %d moves over %d months", sum(map(len, per_month.values())), len(per_month))

"""Final checks of account_sync 17.0.3.0.0: every posted invoice has a
due date and every invoice with an origin is linked to an order."""
import functools
import logging

_logger = logging.getLogger(__name__)


class SyncCheckFailed(Exception):
    pass


def count(cr, where, params=None):
    cr.execute("SELECT count(*) FROM account_move m WHERE " + where, params)
    return cr.fetchone()[0]


def migrate(cr, version):
    posted = functools.partial(count, cr)
    checks = [
        ("posted without due date", posted("m.state = %s AND m.invoice_date_due IS NULL", ("posted",))),
        ("origin without link", posted(
            "m.invoice_origin IS NOT NULL AND m.state = 'posted' AND NOT EXISTS "
            "(SELECT 1 FROM account_move_sale_order_rel r WHERE r.move_id = m.id)"
        )),
    ]
    failures = ["%s: %d" % (label, n) for label, n in checks if n]
    if failures:
        raise SyncCheckFailed("; ".join(failures))
    cr.execute("""
        SELECT so.name, string_agg(m.name, ', ' ORDER BY m.name)
          FROM account_move_sale_order_rel r
          JOIN sale_order so ON so.id = r.order_id
          JOIN account_move m ON m.id = r.move_id
      GROUP BY so.name
        HAVING count(*) > 1
      ORDER BY so.name
    """)
    for order, moves in cr.fetchall():
        _logger.info("%s is invoiced by several moves: %s", order, moves)
    _logger.info("account_sync checks passed (%d checks, upgraded from %s)", len(checks), version)

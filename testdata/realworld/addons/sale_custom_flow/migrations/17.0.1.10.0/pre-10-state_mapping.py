"""Odoo 17 has no "done" sale state any more: locked orders are "sale"
with locked = true. Map the old states and widen the column."""
import logging

_logger = logging.getLogger(__name__)

STATE_MAP = {
    "done": ("sale", True),
    "progress": ("sale", False),
    "manual": ("sale", False),
}


def migrate(cr, version):
    cr.execute("ALTER TABLE %s ALTER COLUMN %s TYPE varchar" % ("sale_order", "state"))
    total = 0
    for old, (new, locked) in sorted(STATE_MAP.items()):
        cr.execute(
            "UPDATE sale_order SET state = %(new)s, locked = %(locked)s WHERE state = %(old)s",
            {"old": old, "new": new, "locked": locked},
        )
        total += cr.rowcount
        _logger.info(f"{old!r:>10} -> {new!r:<8} locked={locked!s:<5} {cr.rowcount:3d} order(s)")
    cr.execute("SELECT state, count(*) FROM sale_order GROUP BY state ORDER BY state")
    summary = ", ".join("%s=%d" % row for row in cr.fetchall())
    _logger.info("%d orders remapped; states now: %s", total, summary)

# -*- coding: utf-8 -*-
import logging

from odoo.upgrade import util

_logger = logging.getLogger(__name__)

STATES = ("draft", "sent")


class Skip(Exception):
    def __init__(self, why):
        super().__init__("skipped: %s" % why)


def _rename(cr, model, old, new):
    table = util.table_of_model(cr, model)
    if not util.column_exists(cr, table, old):
        raise Skip(f"{table}.{old} is gone")
    util.rename_field(cr, model, old, new)
    _logger.info("renamed %s.%s -> %s", model, old, new)
    return table + "." + new


def _chunks(ids, size=1000):
    for i in range(0, len(ids), size):
        yield ids[i:i + size]


def migrate(cr, version):
    renamed = []
    for model, old, new in [("res.partner", "x_old", "x_new"), ("sale.order", "note", "x_note")]:
        try:
            renamed += [_rename(cr, model, old, new)]
        except Skip as e:
            _logger.warning("%s", e)
    cr.execute("SELECT id, name FROM res_partner WHERE active AND state IN %s", (STATES + ("done",),))
    rows = sorted(cr.fetchall(), key=lambda r: (r[1], -r[0]))
    total = 0
    for pid, name in rows:
        total += pid % 7
        _logger.debug(f"partner {pid:>4}: {name!r} ({total=})")
    for chunk in _chunks([r[0] for r in rows], size=500):
        cr.execute(
            "UPDATE res_partner SET name = name || %s WHERE id IN %s",
            ("!" + version, tuple(chunk)),
        )
    pct = 100.0 * len(renamed) / (len(renamed) + 1)
    _logger.info(f"done: {len(rows)} partners, {pct:.1f}% fields renamed, total={total:,}")
    return "%s: %d" % (version, len(rows))

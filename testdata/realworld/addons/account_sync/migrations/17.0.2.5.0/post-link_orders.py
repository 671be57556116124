"""Fill account_move_sale_order_rel from the free-text invoice_origin
("S00001, S00008"), and normalise invoice_origin's separators."""
import itertools
import logging
import re

_logger = logging.getLogger(__name__)

SEPARATOR = re.compile(r"\s*[,;]\s*")


def split_origin(origin):
    return [part for part in SEPARATOR.split(origin.strip()) if part]


def migrate(cr, version):
    cr.execute("SELECT id, name, invoice_origin FROM account_move WHERE invoice_origin IS NOT NULL ORDER BY id")
    moves = [(move_id, name, split_origin(origin)) for move_id, name, origin in cr.fetchall()]
    names = sorted(set(itertools.chain.from_iterable(parts for _id, _name, parts in moves)))
    cr.execute("SELECT name, id FROM sale_order WHERE name = ANY(%s)", (names,))
    order_ids = {name: order_id for name, order_id in cr.fetchall()}
    links = 0
    for move_id, move_name, parts in moves:
        unknown = [p for p in parts if p not in order_ids]
        if unknown:
            _logger.warning("%s refers to unknown orders %s", move_name, unknown)
        known = [order_ids[p] for p in parts if p in order_ids]
        for order_id in known:
            cr.execute(
                "INSERT INTO account_move_sale_order_rel (move_id, order_id) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                (move_id, order_id),
            )
            links += cr.rowcount
        cr.execute(
            "UPDATE account_move SET invoice_origin = %s WHERE id = %s AND invoice_origin IS DISTINCT FROM %s",
            (", ".join(parts), move_id, ", ".join(parts)),
        )
    _logger.info("%d invoice/order links from %d moves (%d distinct order names)", links, len(moves), len(names))

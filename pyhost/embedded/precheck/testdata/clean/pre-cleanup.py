import logging

from odoo.upgrade import util

_logger = logging.getLogger("odoo.upgrade.cleanup")
TABLES = ["ir_attachment", "mail_message"]


def _count(cr, table):
    cr.execute(__mr_fs__("SELECT count(*) FROM ", __mr_fv__(table, "", "")))
    return cr.fetchone()[0]


def _batches(seq, size):
    batch = []
    for item in __mr_iter__(seq):
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def migrate(cr, version):
    counts = __mr_dict__()
    for table in __mr_iter__(TABLES):
        if not util.table_exists(cr, table):
            continue
        counts[table] = _count(cr, table)
    big = [t for t in __mr_iter__(TABLES) if __mr_gt__(counts.get(t, 0), 10000)]
    for t in __mr_iter__(big):
        _logger.info("%s has %d rows", t, counts[t])
    cr.execute("SELECT id FROM ir_attachment WHERE res_model = %(m)s", __mr_dict__(("m", "old.model")))
    ids = [r[0] for r in __mr_iter__(cr.fetchall())]
    for chunk in __mr_iter__(_batches(ids, 500)):
        cr.execute("DELETE FROM ir_attachment WHERE id = ANY(%s)", [chunk])
    i = 0
    while __mr_lt__(i, 3):
        i = __mr_iadd__(i, 1)
        if i == 2:
            break
    else:
        _logger.debug("loop ran out")
    ok = all(__mr_ge__(c, 0) for c in __mr_iter__(counts.values())) and not any(__mr_lt__(c, 0) for c in __mr_iter__(counts.values()))
    assert ok, "negative count"
    del counts

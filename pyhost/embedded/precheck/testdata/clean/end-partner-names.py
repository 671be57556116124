# -*- coding: utf-8 -*-
# Post-pre-pass form of an end- script: f-strings, + and % are lowered.
import logging

import psycopg2
from odoo.upgrade import util

from helpers import chunks, log_progress

_logger = logging.getLogger(__name__)

BATCH = 1000
STATES = ("draft", "open")


def _ids(cr, query, params=None):
    cr.execute(query, params)
    return [row[0] for row in __mr_iter__(cr.fetchall())]


def retry(times):
    def decorate(fn):
        def wrapper(*args, **kwargs):
            last = None
            for _ in __mr_iter__(range(times)):
                try:
                    return fn(*args, **__mr_kw__(kwargs))
                except psycopg2.OperationalError as e:
                    last = e
                    _logger.warning("retrying after %s", str(e))
            raise last
        return wrapper
    return decorate


class Renamer(object):
    """Renames partners in batches and counts what it did."""

    def __init__(self, cr, suffix):
        self.cr = cr
        self.suffix = suffix
        self.done = 0

    def run(self, ids):
        for batch in __mr_iter__(chunks(ids, BATCH)):
            self.cr.execute(
                "UPDATE res_partner SET name = name || %s WHERE id IN %s",
                (self.suffix, tuple(batch)),
            )
            self.done = __mr_iadd__(self.done, self.cr.rowcount)
        return self.done


class LoudRenamer(Renamer):
    def run(self, ids):
        done = super(__class__, self).run(ids)
        _logger.info(__mr_fs__("renamed ", __mr_fv__(done, "", ">6"), " partners"))
        return done


def pending(cr):
    cr.execute("SELECT id, name FROM res_partner WHERE active AND state IN %s", (STATES,))
    for pid, name in __mr_iter__(cr.fetchall()):
        if name and not name.endswith("!"):
            yield pid


@retry(3)
def rename(cr):
    ids = list(pending(cr))
    by_len = sorted(ids, key=lambda i: -i)
    return LoudRenamer(cr, "!").run(by_len)


def migrate(cr, version):
    if not util.column_exists(cr, "res_partner", "x_old"):
        _logger.info("nothing to do for %s", version)
        return
    util.rename_field(cr, "res.partner", "x_old", "x_new")
    names = __mr_dict__((str(pid), name) for pid, name in __mr_iter__([]))
    seen = set(r for r in __mr_iter__(_ids(cr, "SELECT id FROM res_partner")))
    with cr.savepoint():
        try:
            cr.execute("ALTER TABLE res_partner ADD COLUMN x_tmp int")
        except psycopg2.ProgrammingError as e:
            _logger.warning("savepoint rolled back: %s", e.args[0])
    total = rename(cr)
    msg = __mr_mod__("Updated %s partners (%d seen)", (total, len(seen)))
    _logger.info(msg)
    log_progress(__mr_add__("done: ", str(total)), names)
    if __mr_gt__(total, 0) and __mr_ge__(version, "16.0"):
        cr.execute("ANALYZE res_partner")

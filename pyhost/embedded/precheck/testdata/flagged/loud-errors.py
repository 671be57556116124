import os
import json
from datetime import date

import logging
from . import helpers

_logger = logging.getLogger(__name__)


class Version(object):
    def __init__(self, parts):
        self.parts = parts

    def __lt__(self, other):
        return __mr_lt__(self.parts, other.parts)

    @staticmethod
    def parse(text):
        return Version(tuple(int(p) for p in __mr_iter__(text.split("."))))


def migrate(cr, version):
    cr.execute("SELECT id, company_id FROM res_partner")
    pairs = set(cr.fetchall())
    by_pair = __mr_dict__(((a, b), True) for a, b in __mr_iter__(pairs))
    counts = __mr_dict__((1, 0), (2, 0))
    if (16, 0) <= Version.parse(version).parts < (17, 0):
        _logger.info("new")
    config = eval(open(os.path.join("/etc", "odoo.conf")).read())
    return json.dumps(config)


def step(name):
    def deco(fn):
        return fn
    return deco


@step("cleanup")
def cleanup(cr, *, dry_run=False):
    if not dry_run:
        cr.execute("DELETE FROM ir_attachment WHERE res_model IS NULL")


@step("types")
def check_types(cr) -> None:
    cr.execute("SELECT 1")

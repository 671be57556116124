# Constructs gpython would run silently wrong, in a realistic script.
import logging

import psycopg2

_logger = logging.getLogger(__name__)


class Key(object):
    def __init__(self, model, field):
        self.model = model
        self.field = field

    def __eq__(self, other):
        return (self.model, self.field) == (other.model, other.field)

    def __hash__(self):
        return hash((self.model, self.field))


class Batch(object):
    def __init__(self, ids):
        self.ids = ids

    def __len__(self):
        return len(self.ids)


def migrate(cr, version):
    base = ("draft",)
    params = __mr_add__(("new",), base)  # fine: the host's __mr_add__ concatenates tuples
    cr.execute("UPDATE sale_order SET state = %s WHERE state = %s", params)
    if Key("res.partner", "name") in [Key("res.partner", "name")]:
        _logger.info("found")
    batch = Batch([])
    if batch:
        _logger.info("non-empty")
    try:
        cr.execute("SELECT 1 FROM missing_table")
    except psycopg2.ProgrammingError as e:
        if e.pgcode == "42P01":
            _logger.info("missing table")


def _chunks(ids):
    for start in __mr_iter__(range(0, len(ids), 100)):
        yield ids[start:__mr_add__(start, 100)]
    return len(ids)


def _walk(cr, ids):
    total = yield from _chunks(ids)
    _logger.info("walked %s ids", total)


def logged(fn):
    return fn


@logged
def _fetch(cr, convert=str):
    return [convert(r[0]) for r in __mr_iter__(cr.fetchall())]

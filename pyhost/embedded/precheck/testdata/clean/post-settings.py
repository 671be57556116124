import logging
import math
import time

import psycopg2
from psycopg2 import errors

_logger = logging.getLogger(__name__)


class Setting:
    def __init__(self, key, value=None):
        self.key = key
        self.value = value

    def __repr__(self):
        return __mr_mod__("Setting(%r, %r)", (self.key, self.value))

    def as_row(self):
        return (self.key, self.value)


def settings(cr):
    cr.execute("SELECT key, value FROM ir_config_parameter WHERE key LIKE %s", ("web.%",))
    return [Setting(k, v) for k, v in __mr_iter__(cr.fetchall())]


def migrate(cr, version):
    start = time.time()
    rows = settings(cr)
    keys = sorted(s.key for s in __mr_iter__(rows))
    by_key = dict((s.key, s) for s in __mr_iter__(rows))
    defaults = __mr_dict__(("web.base.url", "http://localhost"), ("web.max", "10"))
    for key, default in __mr_iter__(defaults.items()):
        if key in by_key:
            continue
        try:
            with cr.savepoint():
                cr.execute("INSERT INTO ir_config_parameter (key, value) VALUES (%s, %s)", (key, default))
        except errors.UniqueViolation:
            _logger.info("%s appeared meanwhile", key)
        except (psycopg2.IntegrityError, psycopg2.DataError) as exc:
            _logger.error("could not insert %s: %s", key, str(exc))
            raise
        finally:
            _logger.debug("tried %s", key)
    pages = int(math.ceil(len(keys) / 10.0))
    label = "many" if __mr_gt__(pages, 3) else "few"
    _logger.info("%s settings in %d pages (%s) after %.1fs", len(keys), pages, label, time.time() - start)
    print("done", file=None)

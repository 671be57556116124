import logging

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    cr.execute("SELECT count(*) FROM res_partner")
    if __mr_gt__((n := cr.fetchone()[0]), 1_000):
        _logger.info("%s partners", n)

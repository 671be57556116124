import logging

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    cr.execute("SELECT count(*) FROM shop_order")
    _logger.info("%s orders before the upgrade from %s", cr.fetchone()[0], version)

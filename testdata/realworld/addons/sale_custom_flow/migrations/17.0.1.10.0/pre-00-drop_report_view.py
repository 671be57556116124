"""The report view depends on sale_order.state, whose type changes in
pre-10; drop it here, end-recreate_report_view builds it again."""
import logging

from odoo.tools import sql

_logger = logging.getLogger(__name__)

VIEW = "sale_custom_report"


def migrate(cr, version):
    if not sql.table_exists(cr, VIEW):
        _logger.info("no %s view to drop", VIEW)
        return
    kind = sql.table_kind(cr, VIEW)
    sql.drop_view_if_exists(cr, VIEW)
    _logger.info("dropped %s (%s) before changing sale_order", VIEW, kind)

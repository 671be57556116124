"""Logging and values lists."""
import logging

from psycopg2.extras import execute_values

_logger = logging.getLogger("odoo.addons.stock_ext.migrations")


def migrate(cr, version):
    _logger.warning("moving %d quants for version %s", 2, version)
    execute_values(
        cr._obj if hasattr(cr, "_obj") else cr,
        "INSERT INTO stock_quant_history (quant_id, note) VALUES %s",
        [(1, "first"), (2, None)],
    )
    cr.execute("DROP VIEW IF EXISTS stock_report")

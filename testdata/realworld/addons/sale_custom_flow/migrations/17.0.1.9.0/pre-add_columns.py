# -*- coding: utf-8 -*-
import logging

from psycopg2 import sql

from odoo.tools.sql import column_exists

_logger = logging.getLogger(__name__)

COLUMNS = [
    ("locked", "boolean DEFAULT false"),
    ("commitment_date", "timestamp"),
    ("margin_percent", "numeric"),
]


def migrate(cr, version):
    # a database restored from a 17.0.1.9 test upgrade already has the columns
    if tuple(int(part) for part in version.split(".")) >= (17, 0, 1, 9):
        _logger.info("nothing to do from %s", version)
        return
    missing = [(name, ddl) for name, ddl in COLUMNS if not column_exists(cr, "sale_order", name)]
    if not missing:
        return
    query = sql.SQL("ALTER TABLE {table} {actions}").format(
        table=sql.Identifier("sale_order"),
        actions=sql.SQL(", ").join(
            sql.SQL("ADD COLUMN {} {}").format(sql.Identifier(name), sql.SQL(ddl)) for name, ddl in missing
        ),
    )
    cr.execute(query)
    _logger.info("sale_order: added %s", ", ".join(name for name, _ddl in missing))

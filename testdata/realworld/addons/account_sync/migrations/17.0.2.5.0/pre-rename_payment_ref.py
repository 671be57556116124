# -*- coding: utf-8 -*-
import logging

from odoo.tools import sql

_logger = logging.getLogger(__name__)

REL_TABLE = "account_move_sale_order_rel"


def migrate(cr, version):
    if sql.column_exists(cr, "account_move", "payment_ref") and not sql.column_exists(
        cr, "account_move", "payment_reference"
    ):
        sql.rename_column(cr, "account_move", "payment_ref", "payment_reference")
    if not sql.table_exists(cr, REL_TABLE):
        cr.execute(
            """CREATE TABLE %s (
                   move_id integer NOT NULL REFERENCES account_move (id) ON DELETE CASCADE,
                   order_id integer NOT NULL REFERENCES sale_order (id) ON DELETE CASCADE,
                   PRIMARY KEY (move_id, order_id)
               )""" % REL_TABLE
        )
        cr.execute("CREATE INDEX ON %s (order_id)" % REL_TABLE)
        _logger.info("created %s", REL_TABLE)

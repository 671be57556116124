"""Odoo 17 stores translatable fields as jsonb ({"en_US": ...}).

description_sale and x_warranty_note were plain text columns in this
module; convert them in place, as the standard upgrade does for `name`.
"""
import logging

from psycopg2 import sql

_logger = logging.getLogger(__name__)

TRANSLATED = ["description_sale", "x_warranty_note"]


def column_type(cr, table, column):
    cr.execute(
        "SELECT data_type FROM information_schema.columns WHERE table_name = %s AND column_name = %s",
        (table, column),
    )
    row = cr.fetchone()
    return row and row[0]


def migrate(cr, version):
    for column in TRANSLATED:
        current = column_type(cr, "product_template", column)
        if current == "jsonb":
            _logger.info("product_template.%s is already jsonb", column)
            continue
        query = sql.SQL(
            "ALTER TABLE {table} ALTER COLUMN {col} TYPE jsonb "
            "USING CASE WHEN {col} IS NULL THEN NULL ELSE jsonb_build_object({lang}, {col}) END"
        ).format(
            table=sql.Identifier("product_template"),
            col=sql.Identifier(column),
            lang=sql.Literal("en_US"),
        )
        cr.execute(query)
        _logger.info("converted product_template.%s from %s to jsonb", column, current)

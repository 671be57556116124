# -*- coding: utf-8 -*-
# Copyright 2024 Example Integrator
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""x_legacy_ref was a Studio field; 17.0.1.2.0 uses the standard `ref`."""
import logging

from odoo.tools import sql

_logger = logging.getLogger(__name__)

NEW_COLUMNS = [
    ("phone_sanitized", "varchar", "Phone in E.164 form"),
    ("email_normalized", "varchar", None),
]


def migrate(cr, version):
    if not version:
        return
    if sql.column_exists(cr, "res_partner", "x_legacy_ref"):
        if sql.column_exists(cr, "res_partner", "ref"):
            # both exist: keep ref, copy over the legacy values it lacks
            cr.execute("UPDATE res_partner SET ref = x_legacy_ref WHERE ref IS NULL")
            _logger.info("copied %d legacy references into ref", cr.rowcount)
            cr.execute("ALTER TABLE res_partner DROP COLUMN x_legacy_ref")
        else:
            sql.rename_column(cr, "res_partner", "x_legacy_ref", "ref")
            _logger.info("renamed res_partner.%s to %s", "x_legacy_ref", "ref")
    for name, column_type, comment in NEW_COLUMNS:
        if not sql.column_exists(cr, "res_partner", name):
            sql.create_column(cr, "res_partner", name, column_type, comment)
            _logger.info("created res_partner.%s (%s)", name, column_type)
    cr.execute("SELECT count(*) FROM res_partner WHERE ref IS NOT NULL")
    (count,) = cr.fetchone()
    _logger.info("%s partners keep a reference after upgrading from %s", count, version)

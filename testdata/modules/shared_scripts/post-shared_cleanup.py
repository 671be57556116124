"""Shared by several modules through a symlink."""


def migrate(cr, version):
    cr.execute("DELETE FROM ir_attachment WHERE res_model IS NULL AND name LIKE 'tmp_%%'")

"""Migration step."""


def migrate(cr, version):
    cr.execute("""DELETE FROM ir_model_data WHERE module = 'base_partner_ext' AND name LIKE 'old_%%'""")

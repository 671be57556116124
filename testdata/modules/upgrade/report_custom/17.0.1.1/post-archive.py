"""Migration step."""


def migrate(cr, version):
    cr.execute("""UPDATE report_custom_line SET active = false WHERE create_date < now() - interval '5 years'""")

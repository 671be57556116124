"""Migration step."""


def migrate(cr, version):
    cr.execute("""UPDATE res_company SET report_footer = '' WHERE report_footer IS NULL""")

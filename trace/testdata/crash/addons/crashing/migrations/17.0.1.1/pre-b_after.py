def migrate(cr, version):
    cr.execute("UPDATE res_partner SET active = true")

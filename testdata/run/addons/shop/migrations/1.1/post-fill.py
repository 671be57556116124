def migrate(cr, version):
    cr.execute("UPDATE shop_order SET state = %s WHERE state IS NULL", ("draft",))

def migrate(cr, version):
    cr.execute("ALTER TABLE shop_order RENAME COLUMN amount TO amount_total")

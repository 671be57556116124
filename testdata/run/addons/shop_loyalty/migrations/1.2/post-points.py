def migrate(cr, version):
    cr.execute("ALTER TABLE shop_order ADD COLUMN IF NOT EXISTS points int")
    cr.execute("UPDATE shop_order SET points = floor(amount_total / %(rate)s) WHERE state = %(state)s",
               {"rate": 10, "state": "draft"})

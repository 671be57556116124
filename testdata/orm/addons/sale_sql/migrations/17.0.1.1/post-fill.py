"""Ranks VIP partners. `env` here is a plain dict of query parameters,
not Odoo's Environment: the script needs no ORM."""


def migrate(cr, version):
    env = {"rank": 5}
    cr.execute("UPDATE res_partner SET x_rank = %(rank)s WHERE name LIKE 'VIP%%'", env)
    cr.execute("INSERT INTO orm_log (script) VALUES ('sale_sql/post-fill')")

"""Savepoints, commits and cr.now() are recorded too."""


def migrate(cr, version):
    with cr.savepoint():
        cr.execute("UPDATE res_partner SET active = true WHERE active IS NULL")
    try:
        with cr.savepoint():
            cr.execute("UPDATE res_partner SET loyalty_points = 0")
            raise ValueError("undo this one")
    except ValueError:
        pass
    cr.commit()
    cr.execute("UPDATE res_partner SET write_date = %s", (cr.now(),))

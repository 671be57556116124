"""Parameters of every common type, rendered as psycopg2 renders them."""
import datetime

from psycopg2 import sql as pgsql


def migrate(cr, version):
    cr.execute(
        "UPDATE res_partner SET loyalty_tier = %s WHERE loyalty_tier IS NULL AND active = %s",
        ("bronze", True),
    )
    print("rowcount after UPDATE:", cr.rowcount)
    cr.execute(
        "DELETE FROM ir_attachment WHERE res_id IN %s AND name LIKE %s AND res_model IS %s",
        ((1, 2, 3), "tmp_%", None),
    )
    cr.execute(
        "UPDATE res_partner SET write_date = %(when)s, comment = %(text)s, credit = %(credit)s "
        "WHERE id = ANY(%(ids)s) AND create_date < %(day)s",
        {
            "when": datetime.datetime(2024, 1, 2, 3, 4, 5),
            "day": datetime.date(2023, 12, 31),
            "text": "it's \"quoted\" 100%",
            "credit": 12.5,
            "ids": [4, 5],
        },
    )
    cr.execute(
        pgsql.SQL("ALTER TABLE {} ADD COLUMN {} {}").format(
            pgsql.Identifier("res_partner"), pgsql.Identifier("loyalty_data"), pgsql.SQL("jsonb")
        )
    )
    cr.executemany(
        "INSERT INTO loyalty_level (name, points) VALUES (%s, %s)", [("gold", 100), ("silver", 50)]
    )
    cr.execute("SELECT id, name FROM res_partner WHERE loyalty_tier = %s", ["gold"])
    print("fetchone on no rows:", cr.fetchone(), "fetchall:", cr.fetchall(), "rowcount:", cr.rowcount, "description:", cr.description)
    cr.execute("SELECT 'a%%' WHERE true")

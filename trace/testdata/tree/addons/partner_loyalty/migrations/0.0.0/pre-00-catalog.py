"""Raw catalog queries, as openupgradelib and hand-written scripts send them."""


def migrate(cr, version):
    cr.execute("SELECT 1 FROM pg_class WHERE relname = %s", ("res_partner",))
    print("res_partner exists:", cr.fetchone() is not None)
    cr.execute(
        """
        SELECT column_name, udt_name, is_nullable
          FROM information_schema.columns
         WHERE table_name = %s
      ORDER BY ordinal_position
        """,
        ("res_partner",),
    )
    print("columns:", cr.fetchall())
    cr.execute(
        "SELECT count(attname) FROM pg_attribute WHERE attrelid = "
        "(SELECT oid FROM pg_class WHERE relname = %s) AND attname = %s",
        ("res_partner", "tier"),
    )
    print("tier column count:", cr.fetchone()[0])
    # Outside the engine's subset: answered with no rows, and said so.
    cr.execute("WITH t AS (SELECT relname FROM pg_class) SELECT count(*) FROM t")
    print("with query:", cr.fetchall())

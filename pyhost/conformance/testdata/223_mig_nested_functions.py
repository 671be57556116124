# Migration snippet: helper functions with defaults and keyword args.
def column_sql(table, column, ctype="varchar", *, nullable=True, default=None):
    sql = 'ALTER TABLE "%s" ADD COLUMN "%s" %s' % (table, column, ctype)
    if not nullable:
        sql += " NOT NULL"
    if default is not None:
        sql += " DEFAULT %s" % (repr(default) if isinstance(default, str) else default)
    return sql
print(column_sql("res_partner", "x_a"))
print(column_sql("res_partner", "x_b", "int4", nullable=False, default=0))
print(column_sql("res_partner", "x_c", default="n/a"))
print(column_sql("res_partner", "x_d", "bool", default=False))

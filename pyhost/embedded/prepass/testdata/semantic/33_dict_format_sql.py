table, col = "res_partner", "name"
ids = (1, 2, 3)
q = "UPDATE %s SET %s = %%s WHERE id IN %%s" % (table, col)
print(q)
print(q % ("'x'", ids))
print(f"ALTER TABLE {table} RENAME COLUMN {col!r} TO {col + '_old'}")
print("SELECT %(a)s, %(b)s" % {"a": 1, "b": None})

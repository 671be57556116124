# Building SQL statements with f-strings, as migration scripts do.
table = "res_partner"
old, new = "x_old", "x_new"
print(f'ALTER TABLE "{table}" RENAME COLUMN "{old}" TO "{new}"')
cols = ["id", "name", "email"]
print(f"SELECT {', '.join(cols)} FROM {table} WHERE id = %s")
ids = [3, 1, 2]
print(f"DELETE FROM {table} WHERE id IN ({','.join(map(str, sorted(ids)))})")
for i, c in enumerate(cols, 1):
    print(f"  {i:>2}. {c:<8}|")
print(f"UPDATE {table} SET active = {'true' if ids else 'false'}")

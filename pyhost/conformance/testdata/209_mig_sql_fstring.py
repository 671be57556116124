# Migration snippet: SQL built with f-strings and identifiers.
table = "sale_order_line"
renames = [("price_unit_old", "price_unit"), ("x_qty", "product_uom_qty")]
for old, new in renames:
    print(f'ALTER TABLE "{table}" RENAME COLUMN "{old}" TO "{new}"')
cols = ", ".join(f'"{c}"' for _, c in renames)
print(f"SELECT id, {cols} FROM {table} WHERE state = %s")
where = " AND ".join(f"{c} IS NOT NULL" for _, c in renames)
print(f"UPDATE {table} SET active = true WHERE {where}")
print(f"CREATE INDEX IF NOT EXISTS {table}_{renames[0][1]}_idx ON {table} ({renames[0][1]})")

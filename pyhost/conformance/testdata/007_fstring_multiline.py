# Triple-quoted f-strings spanning several lines.
table = "res_partner"
col = "name"
n = 3
query = f"""
    SELECT id, {col}
      FROM {table}
     WHERE active
     LIMIT {n}
"""
print(query)
msg = f'''first {n}
second {n + 1}
third {col!r}'''
print(msg)
print(len(query.splitlines()))

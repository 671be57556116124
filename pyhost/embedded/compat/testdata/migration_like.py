# The shapes of code found in Odoo migration scripts.
class Skip(Exception):
    pass
class MigrationError(Exception):
    def __init__(self, table, reason):
        super(MigrationError, self).__init__(__mr_add__(__mr_add__(table, ": "), reason))
        self.table = table
        self.reason = reason
rows = [(3, "Alice", None), (1, "alice", "x"), (2, "Bob", "y"), (4, "alice", "z")]
ids = tuple(r[0] for r in rows)
params = __mr_add__(("draft",), ids)
print(params, len(params))
by_name = {}
for rid, name, ref in rows:
    by_name.setdefault(name.lower(), []).append(rid)
print(sorted(by_name.items()), sorted(by_name, key=lambda n: (-len(by_name[n]), n)))
print(sorted(rows, key=lambda r: (r[1].casefold(), -r[0])))
print(max(rows, key=lambda r: r[0])[1], min(rows, key=lambda r: (r[1], r[0])))
chunks = []
for i in range(0, len(ids), 3):
    chunks.append(ids[i:__mr_add__(i, 3)])
print(chunks)
done = []
for tbl in ("res_partner", "ir_model", "res_users"):
    try:
        if tbl.startswith("ir_"):
            raise Skip(__mr_add__("skip ", tbl))
        if tbl.endswith("users"):
            raise MigrationError(tbl, "column missing")
        done.append(tbl.upper())
    except Skip as e:
        done.append(str(e))
    except MigrationError as e:
        done.append((e.table, e.reason, e.args[0]))
print(done)
columns = "id, name ,  ref,"
cols = [c.strip() for c in columns.split(",") if c.strip()]
print(cols, ", ".join(sorted(cols, reverse=True)), "name" in cols)
mapping = dict(zip(cols, range(len(cols))))
mapping.update(extra=9)
print(sorted(mapping.items()), mapping.pop("extra"), mapping.get("missing", -1))
seen = set()
for r in rows:
    seen.add(r[1].lower())
seen.discard("bob")
print(sorted(seen), len(seen))
total = 0
for rid, _, _ in rows:
    total = __mr_iadd__(total, rid)
acc = []
acc = __mr_iadd__(acc, (1, 2))
print(total, acc, round(total / 3.0, 2), round(2.5), sum(r[0] for r in rows))
print(list(reversed(sorted(ids))), sorted(set(ids) - {1}), isinstance(ids, tuple), type(ids).__name__)

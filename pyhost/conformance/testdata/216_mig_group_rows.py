# Migration snippet: grouping fetched rows per model.
from collections import defaultdict
rows = [("res.partner", 3), ("res.users", 1), ("res.partner", 1), ("sale.order", 7), ("res.users", 2)]
grouped = defaultdict(list)
for model, rid in rows:
    grouped[model].append(rid)
for model in sorted(grouped):
    ids = sorted(grouped[model])
    print("%-12s %d ids: %s" % (model, len(ids), ids))
print(max(grouped, key=lambda m: len(grouped[m])))

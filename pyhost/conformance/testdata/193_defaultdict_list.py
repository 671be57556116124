# defaultdict(list) grouping.
from collections import defaultdict
by_model = defaultdict(list)
for model, rid in [("res.partner", 1), ("res.users", 2), ("res.partner", 3)]:
    by_model[model].append(rid)
for k in sorted(by_model):
    print(k, by_model[k])
print(by_model["missing"], len(by_model))
print(isinstance(by_model, dict))

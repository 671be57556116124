# Migration snippet: de-duplicating while keeping order.
ids = [5, 3, 5, 1, 3, 9]
seen = set()
uniq = []
for i in ids:
    if i not in seen:
        seen.add(i)
        uniq.append(i)
print(uniq)
print(sorted(set(ids)))
print(list(dict.fromkeys(["b", "a", "b", "c"])))

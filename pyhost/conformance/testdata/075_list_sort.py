# list.sort in place, with key and reverse; stability.
rows = [("b", 2), ("a", 2), ("c", 1)]
rows.sort(key=lambda r: r[1])
print(rows)
rows.sort()
print(rows)
rows.sort(key=lambda r: r[0], reverse=True)
print(rows)
nums = [5, 3, 9]
print(nums.sort())
print(nums)

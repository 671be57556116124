# str.join with non-str items raises TypeError.
try:
    ",".join([1, 2])
except TypeError as e:
    print("TypeError", e)
print(",".join(map(str, [1, 2])))

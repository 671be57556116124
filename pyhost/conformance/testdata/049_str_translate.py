# str.maketrans and translate.
table = str.maketrans("abc", "xyz")
print("aabbcc".translate(table))
print("a-b_c".translate(str.maketrans("-_", "  ")))
print("hello".translate(str.maketrans("", "", "l")))
print("x.y".translate({ord("."): "_"}))

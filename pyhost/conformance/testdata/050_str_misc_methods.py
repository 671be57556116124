# Less common str methods.
print("abc".isascii(), "é".isascii())
print("Hello".startswith("he"), "Hello".lower().startswith("he"))
print("a b".split(" "))
print(" x ".strip() or "empty")
print("TAB\there".split("\t"))
print("%".join("abc"))
print("line".ljust(6, ".") + "end")
print(str("text"), str(), repr(str()))

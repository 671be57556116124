# Operators on strings: +, *, in, comparisons, ord, chr.
a = "abc"
print(a + "def", a * 3, "-" * 10)
print("b" in a, "x" not in a)
print(a < "abd", a == "abc", "B" < "a", "" < "a")
print(ord("A"), ord("é"), chr(97), chr(8364))
print(len("héllo"), len(""))
print(sorted("hello"))
print(max("odoo"), min("odoo"))
print(str(12) + "px")
try:
    print("a" + 1)
except TypeError as e:
    print("TypeError", e)

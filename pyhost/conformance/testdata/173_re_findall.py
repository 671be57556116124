# re.findall with and without groups, and finditer.
import re
s = "ids: 1, 22, 333"
print(re.findall(r"\d+", s))
print(re.findall(r"(\w)(\d)", "a1 b2 c"))
print(re.findall(r"(\d)\d", "12 34"))
print(re.findall(r"x", "abc"))
print([m.group() for m in re.finditer(r"[A-Z]\w*", "Hello big World")])
print([m.start() for m in re.finditer(r"o", "foo boo")])

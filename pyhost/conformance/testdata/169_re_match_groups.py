# re.match and groups.
import re
m = re.match(r"(\w+)\.(\w+)", "base.group_user rest")
print(m.group(0))
print(m.group(1), m.group(2))
print(m.groups())
print(m.start(), m.end(), m.span(2))
print(re.match(r"\d+", "abc"))
print(bool(re.match(r"a", "ba")))
m = re.match(r"(a)(b)?", "a")
print(m.groups(), m.group(2))

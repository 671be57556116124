# Match object repr and truthiness.
import re
m = re.search(r"b+", "abbbc")
print(m)
print(m.group(), m.start(), m.end())
print(re.match(r"", "x"))
print(m.re.pattern, m.string)

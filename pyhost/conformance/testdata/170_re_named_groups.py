# Named groups and groupdict.
import re
m = re.search(r"(?P<major>\d+)\.(?P<minor>\d+)", "version 16.0.1.2")
print(m.group("major"), m.group("minor"))
print(sorted(m.groupdict().items()))
print(m["major"])
m = re.match(r"(?P<k>\w+)=(?P<v>\w*)", "key=")
print(repr(m.group("v")))
print(m.group(1, 2))

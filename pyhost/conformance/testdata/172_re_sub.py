# re.sub with backreferences, functions and count.
import re
print(re.sub(r"\s+", " ", "a   b \t c"))
print(re.sub(r"(\w+)@(\w+)", r"\2 at \1", "user@host"))
print(re.sub(r"(?P<w>\d)", r"<\g<w>>", "a1b2"))
print(re.sub(r"\d", lambda m: str(int(m.group()) * 2), "a1b2c3"))
print(re.sub(r"a", "b", "aaa", count=2))
print(re.subn(r"o", "0", "foo boo"))
print(re.sub(r"^x_", "", "x_studio"))
print(re.sub(r"[^a-z0-9_]", "_", "Res Partner-Name".lower()))

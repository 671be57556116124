# re.split with patterns, groups and maxsplit.
import re
print(re.split(r"[,;]\s*", "a, b;c ;d"))
print(re.split(r"(\d)", "a1b2c"))
print(re.split(r"\s+", "  lead and trail  "))
print(re.split(r",", "a,b,c", maxsplit=1))
print(re.split(r"x", "abc"))

# Compiled patterns, fullmatch, pattern attributes.
import re
p = re.compile(r"[a-z_]+")
print(p.pattern)
print(p.match("abc_def1").group())
print(p.fullmatch("abc_def1"), p.fullmatch("abc_def") is not None)
print(p.findall("ab cd1ef"))
print(p.sub("X", "ab-cd"))
print(p.split("1a2b3"))
print(p.search("123 xyz").span())
try:
    re.compile(r"(unclosed")
except re.error as e:
    print("re.error", e)

# re.search scans the whole string.
import re
print(re.search(r"\d+", "abc 123 def 45").group())
print(re.search(r"^b", "ab"), re.search(r"b$", "ab") is not None)
print(re.search(r"x", "abc"))
m = re.search(r"(\d+)-(\d+)", "range 10-20 end")
print(int(m.group(1)) + int(m.group(2)))
print(re.search(r"\bid\b", "the id field").span())

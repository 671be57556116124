# re flags: IGNORECASE, MULTILINE, DOTALL, VERBOSE.
import re
print(re.findall(r"abc", "ABC abc Abc", re.IGNORECASE))
print(re.findall(r"^\w+", "one\ntwo\nthree", re.M))
print(re.search(r"a.b", "a\nb"), re.search(r"a.b", "a\nb", re.S).group() == "a\nb")
pat = re.compile(r"""
    (\d{4})   # year
    -
    (\d{2})   # month
""", re.VERBOSE)
print(pat.search("on 2024-05-01").groups())
print(re.match(r"(?i)select", "SELECT 1") is not None)
print(re.findall(r"a", "AaA", re.I | re.M))

# re.escape and matching literal metacharacters.
import re
print(re.escape("a.b*c"))
print(re.escape("res.partner"))
print(re.escape("100%"))
print(re.escape("x_y-z"))
print(bool(re.match(re.escape("1+1=2"), "1+1=2")))
print(re.sub(re.escape("$total"), "9", "sum: $total"))

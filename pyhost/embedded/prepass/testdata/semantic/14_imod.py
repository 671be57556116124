fmt = "%s and %s"
fmt %= ("a", "b")
print(fmt)
n = 17
n %= 5
print(n)
d = {"m": "%d%%"}
d["m"] %= 50
print(d["m"])

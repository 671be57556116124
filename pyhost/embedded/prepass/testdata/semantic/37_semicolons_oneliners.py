x = 1; y = 2; x += y; y %= 2; print(x, y)
for i in range(3): x += i
print(x)
while x > 5: x -= 1; x += 0
print(x)
if x: s = "a" + "b"; s += "c"
print(s)

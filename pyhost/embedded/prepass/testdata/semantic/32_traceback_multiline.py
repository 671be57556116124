a = 1
b = (a
     + 2
     + "3")
print(b)

# Big ints and int parsing.
print(2 ** 100)
print(-2 ** 64)
print(int("123"), int("-0042"), int(" 7 "))
print(int("ff", 16), int("0x1F", 16), int("777", 8), int("101", 2))
print(str(10 ** 20), len(str(2 ** 200)))
print(10 ** 20 // 7, 10 ** 20 % 7)
try:
    int("12a")
except ValueError as e:
    print("ValueError", e)

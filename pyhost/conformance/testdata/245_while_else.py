# while/for with else and break.
for n in range(2, 10):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        print("prime", n)
i = 0
while i < 3:
    i += 1
else:
    print("while done", i)

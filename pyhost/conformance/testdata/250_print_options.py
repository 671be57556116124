# print with sep, end and multiple args.
print("a", "b", sep="-")
print("x", end="")
print("y")
print()
print("no", "space", sep="")
print(1, 2, 3, sep=", ", end=".\n")
print(*["p", "q"])

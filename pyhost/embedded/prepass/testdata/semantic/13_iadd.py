total = 0
for i in range(10):
    total += i
print(total)
s = "a"
s += "b"
s += "c" * 2
print(s)
t = (1,)
t += (2, 3)
t += 4, 5
print(t)
lst = [1]
alias = lst
lst += [2]
lst += (3,)
print(lst, alias, lst is alias)
d = {"k": 1}
d["k"] += 10
print(d)

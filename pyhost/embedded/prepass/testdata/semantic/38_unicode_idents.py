café = "crème"
naïve = café + " brûlée"
print(naïve, f"{café!a}", "%s" % café)
π = 3.14159
print(f"{π:.3f}", π % 1 + 1)

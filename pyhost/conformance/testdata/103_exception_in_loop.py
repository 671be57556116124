# Exceptions inside loops with continue and break.
results = []
for v in ["1", "x", "3", "stop", "5"]:
    try:
        if v == "stop":
            break
        results.append(int(v))
    except ValueError:
        results.append(None)
        continue
    finally:
        results.append("|")
print(results)

# Migration snippet: comparing version strings as tuples of ints.
def parse(v):
    return tuple(int(p) for p in v.split("."))
versions = ["16.0.1.2", "16.0.1.10", "15.0.3.0", "16.0.1.9"]
print(sorted(versions, key=parse))
print(max(versions, key=parse))
cur = parse("16.0.1.9")
print([v for v in versions if parse(v) > cur])
print(parse("17.0") >= (16, 0))
print("16.0.1.2".split(".")[:2])

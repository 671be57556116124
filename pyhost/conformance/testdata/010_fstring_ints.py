# Integer formatting in f-strings.
for n in [0, 7, -7, 255, 65535, 10**12]:
    print(f"{n:d}|{n:5d}|{n:<5d}|{n:05d}|{n:x}|{n:#X}|{n:o}|{n:b}|{n:,}")
print(f"{42:c}")
print(f"{42:.2f}")
print(f"{True:d} {False}")
print(f"{2**70}")

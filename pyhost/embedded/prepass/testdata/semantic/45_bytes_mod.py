print(b"%s-%d" % (b"ab", 5), b"x" + b"y" % ())
print(b"%(k)s" % {b"k": b"v"})

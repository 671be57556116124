# A tuple as the single argument must be wrapped in another tuple.
t = (1, 2, 3)
print("%s" % (t,))
print("%r" % (t,))
print("%s" % ((1,),))
print("%s" % ((),))
print("%s|%s" % (t, "x"))
try:
    print("%s" % t)
except TypeError as e:
    print("TypeError", e)
print("%s %s %s" % t)

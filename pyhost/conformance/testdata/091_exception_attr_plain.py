# Setting an attribute on an exception instance after creating it.
e = ValueError("bad")
e.hint = "use a number"
print(e.hint, e.args)
try:
    raise e
except ValueError as caught:
    print(caught.hint, caught is e)

# The global statement.
counter = 0
def bump():
    global counter
    counter += 1
    return counter
bump()
bump()
print(counter)
def read():
    return counter * 10
print(read())

class Counter:
    prefix = "n" + "="
    count = 0
    def __init__(self, step=1 + 0):
        self.step = step
    def bump(self):
        Counter.count += self.step
        return self.prefix + "%d" % Counter.count
c = Counter(2)
print(c.bump(), c.bump(), Counter(3).bump())

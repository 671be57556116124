# deque operations.
from collections import deque
d = deque([1, 2, 3])
d.append(4)
d.appendleft(0)
print(d)
print(d.pop(), d.popleft(), d)
d.rotate(1)
print(list(d))
q = deque(maxlen=2)
for i in range(5):
    q.append(i)
print(q, len(q))
d.extend([7, 8])
print(d[0], d[-1])

# datetime and timedelta arithmetic.
from datetime import datetime, timedelta
a = datetime(2024, 3, 10, 8, 30)
b = datetime(2024, 3, 12, 20, 15, 30)
delta = b - a
print(delta)
print(delta.days, delta.seconds, delta.total_seconds())
print(a + timedelta(hours=20))
print(a - timedelta(minutes=45))
print(timedelta(weeks=1, days=1) // timedelta(days=1))
print(timedelta(hours=1) * 3, timedelta(days=1) / 4)
print(a + delta == b)

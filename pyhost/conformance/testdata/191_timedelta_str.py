# str of timedelta, including negative and microseconds.
from datetime import timedelta
print(timedelta(days=1, hours=2))
print(timedelta(hours=26))
print(timedelta(minutes=-5))
print(timedelta(seconds=1.5))
print(timedelta(days=-1, seconds=1))
print(timedelta(weeks=2))
print(timedelta(milliseconds=1))
print(timedelta(days=3).days, timedelta(hours=3).seconds)

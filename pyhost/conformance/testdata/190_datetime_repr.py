# repr of date, datetime and timedelta.
from datetime import date, datetime, timedelta
print(repr(date(2024, 1, 2)))
print(repr(datetime(2024, 1, 2, 3, 4, 5)))
print(repr(datetime(2024, 1, 2)))
print(repr(datetime(2024, 1, 2, 3, 4, 5, 600)))
print(repr(timedelta(days=1, hours=2)))
print(repr(timedelta(0)))
print([date(2020, 5, 17)])

# Comparisons and sorting of dates.
from datetime import date, datetime, timedelta
a = date(2024, 1, 1)
b = date(2024, 6, 1)
print(a < b, a == date(2024, 1, 1), a != b, max(a, b))
print(sorted([b, a, date(2023, 12, 31)]))
print(datetime(2024, 1, 1) < datetime(2024, 1, 1, 0, 0, 1))
print(timedelta(days=1) > timedelta(hours=23))
print(min([datetime(2024, 5, 1, 12), datetime(2024, 5, 1, 9)]))

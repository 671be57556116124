# date construction, attributes, weekday, isoformat.
import datetime
d = datetime.date(2024, 1, 31)
print(d, d.year, d.month, d.day)
print(d.isoformat(), d.weekday(), d.isoweekday())
print(d + datetime.timedelta(days=1))
print(d - datetime.timedelta(days=31))
print(datetime.date(2024, 3, 1) - datetime.date(2024, 2, 1))
print(d.replace(day=1))
try:
    datetime.date(2023, 2, 29)
except ValueError as e:
    print("ValueError", e)

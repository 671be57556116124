# f-strings with date and datetime values and strftime specs.
import datetime
d = datetime.date(2024, 2, 29)
dt = datetime.datetime(2023, 12, 31, 23, 59, 7)
print(f"{d}")
print(f"{dt}")
print(f"{d:%Y-%m-%d}")
print(f"{d:%d/%m/%Y}")
print(f"{dt:%Y%m%d_%H%M%S}")
print(f"{dt:%H:%M}")
print(f"{d!r}")
print(f"{dt.date()} {dt.year} {dt.month:02d}")

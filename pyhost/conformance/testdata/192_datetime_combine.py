# replace, date(), time(), combine.
from datetime import datetime, date, time
dt = datetime(2024, 8, 15, 14, 30)
print(dt.date(), dt.time())
print(dt.replace(hour=0, minute=0))
print(datetime.combine(date(2024, 1, 1), time(12, 0)))
print(time(9, 5), time(23, 59, 59))
print(dt.isoformat(), dt.isoformat(" "))
print(dt.hour, dt.minute, dt.second, dt.microsecond)
print(datetime(2024, 1, 1).timetuple()[:3])

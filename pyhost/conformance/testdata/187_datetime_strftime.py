# strftime directives.
from datetime import datetime, date
dt = datetime(2024, 7, 4, 9, 5, 3)
print(dt.strftime("%Y-%m-%d %H:%M:%S"))
print(dt.strftime("%d/%m/%y %I:%M %p"))
print(dt.strftime("%A %a %B %b"))
print(dt.strftime("%j %U %w"))
print(dt.strftime("%%Y literal"))
print(date(2024, 12, 25).strftime("%Y%m%d"))
print(dt.strftime("%H%M"))

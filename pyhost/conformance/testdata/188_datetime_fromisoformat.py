# fromisoformat and strptime.
from datetime import datetime, date
print(date.fromisoformat("2024-02-29"))
print(datetime.fromisoformat("2024-02-29T13:45:00"))
print(datetime.fromisoformat("2024-02-29 13:45:10.500000"))
print(datetime.strptime("31/12/2023 23:59", "%d/%m/%Y %H:%M"))
print(datetime.strptime("2024-01-05", "%Y-%m-%d").date())
try:
    date.fromisoformat("2024-13-01")
except ValueError as e:
    print("ValueError", e)

# from psycopg2 import sql, printing nothing host-specific.
from psycopg2 import sql
print(type(sql).__name__)
print(sql.__name__)

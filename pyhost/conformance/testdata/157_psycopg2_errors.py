# psycopg2.errors classes and lookup.
import psycopg2
from psycopg2 import errors
print(errors.UniqueViolation.__name__)
print(issubclass(errors.UniqueViolation, psycopg2.IntegrityError))
print(errors.lookup("23505") is errors.UniqueViolation)
print(issubclass(errors.UndefinedTable, psycopg2.ProgrammingError))
try:
    raise errors.UndefinedColumn("column x does not exist")
except psycopg2.ProgrammingError as e:
    print(type(e).__name__, e)

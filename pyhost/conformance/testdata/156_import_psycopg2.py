# import psycopg2 and its exception hierarchy.
import psycopg2
print(psycopg2.__name__, psycopg2.paramstyle, psycopg2.apilevel)
print(issubclass(psycopg2.ProgrammingError, psycopg2.DatabaseError))
print(issubclass(psycopg2.IntegrityError, psycopg2.Error))
print(issubclass(psycopg2.Error, Exception))
try:
    raise psycopg2.ProgrammingError("syntax error")
except psycopg2.Error as e:
    print(type(e).__name__, e)

"""Stand-in for psycopg2.errors: a few SQLSTATE classes and lookup()."""

from psycopg2 import IntegrityError, ProgrammingError


class UniqueViolation(IntegrityError):
    pass


class ForeignKeyViolation(IntegrityError):
    pass


class UndefinedTable(ProgrammingError):
    pass


class UndefinedColumn(ProgrammingError):
    pass


_BY_CODE = {
    "23505": UniqueViolation,
    "23503": ForeignKeyViolation,
    "42P01": UndefinedTable,
    "42703": UndefinedColumn,
}


def lookup(code):
    return _BY_CODE[code]

"""Stand-in for psycopg2's DBAPI surface (conformance tests under CPython)."""

paramstyle = "pyformat"
apilevel = "2.0"


class Warning(Exception):  # noqa: A001 - DBAPI name
    pass


class Error(Exception):
    pass


class InterfaceError(Error):
    pass


class DatabaseError(Error):
    pass


class DataError(DatabaseError):
    pass


class OperationalError(DatabaseError):
    pass


class IntegrityError(DatabaseError):
    pass


class InternalError(DatabaseError):
    pass


class ProgrammingError(DatabaseError):
    pass


class NotSupportedError(DatabaseError):
    pass

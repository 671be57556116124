"""Stand-in for psycopg2.extensions (conformance tests under CPython)."""

from psycopg2 import OperationalError

ISOLATION_LEVEL_AUTOCOMMIT = 0
ISOLATION_LEVEL_READ_COMMITTED = 1


class TransactionRollbackError(OperationalError):
    pass


class QueryCanceledError(OperationalError):
    pass

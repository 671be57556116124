"""Stand-in for psycopg2.sql (conformance tests under CPython)."""

"""The psycopg2 side of the execution benchmark: the same 10,000 single-row
UPDATEs as pyhost's BenchmarkExternal10kUpdates, in one transaction, straight
through psycopg2 (Debian's python3-psycopg2: run with /usr/bin/python3).

It updates the same kind of table as migrate-runner does: a regular table t
(created here when missing), so both sides pay for WAL. (An earlier version
used a TEMP table, which writes no WAL and made psycopg2 look faster.)

usage: /usr/bin/python3 bench/psycopg2_updates.py DSN [runs]   (a scratch database: t is left there)
"""
import sys
import time

import psycopg2

if len(sys.argv) < 2:
    sys.exit(__doc__)
dsn = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
conn = psycopg2.connect(dsn)
cr = conn.cursor()
cr.execute("CREATE TABLE IF NOT EXISTS t (id int PRIMARY KEY, v int)")
cr.execute("INSERT INTO t SELECT g, 0 FROM generate_series(0, 99) g ON CONFLICT DO NOTHING")
conn.commit()
best = None
for _ in range(runs):
    start = time.perf_counter()
    for i in range(10000):
        cr.execute("UPDATE t SET v = v + 1 WHERE id = %s", (i % 100,))
    elapsed = time.perf_counter() - start
    conn.rollback()
    best = elapsed if best is None else min(best, elapsed)
print("psycopg2: best of %d: %.3f s for 10,000 UPDATEs (%.1f µs/statement)" % (runs, best, best * 1e6 / 10000))

"""migrate-runner's harness for the external CPython host.

Embedded in the Go binary and run as `python3 -I harness.py`. It talks to
migrate-runner over two pipes (fd 3: requests from Go, fd 4: calls to Go),
with frames of a 4-byte big-endian length and a JSON body. Go asks it to run
one script at a time; while a script runs, every cursor call goes to Go,
which owns the connection and the SQL semantics.

Scripts are loaded the way Odoo loads them: a spec from the file location,
the basename as module name, not registered in sys.modules.
"""

import base64
import contextlib
import datetime
import decimal
import importlib.util
import io
import json
import logging
import os
import struct
import sys
import traceback
import types

_rin = os.fdopen(3, "rb")
_wout = os.fdopen(4, "wb")


def _send(obj):
    data = json.dumps(obj, separators=(",", ":"), allow_nan=False).encode()
    _wout.write(struct.pack(">I", len(data)) + data)
    _wout.flush()


def _recv():
    head = _rin.read(4)
    if len(head) < 4:
        sys.exit(0)
    (n,) = struct.unpack(">I", head)
    return json.loads(_rin.read(n))


# ---------------------------------------------------------------------------
# Shim modules: what scripts import instead of the real libraries.


def _module(name, **attrs):
    mod = types.ModuleType(name)
    mod.__dict__.update(attrs)
    sys.modules[name] = mod
    return mod


class Error(Exception):
    """psycopg2.Error: pgcode and pgerror, as psycopg2 sets them."""

    def __init__(self, *args, pgcode=None, pgerror=None):
        super().__init__(*args)
        self.pgcode = pgcode
        self.pgerror = pgerror


class Warning(Exception):  # noqa: A001 - psycopg2's name
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


class TransactionRollbackError(OperationalError):
    pass


class QueryCanceledError(OperationalError):
    pass


class AsIs:
    def __init__(self, wrapped):
        self.adapted = wrapped

    def getquoted(self):
        return str(self.adapted).encode()


class Json:
    def __init__(self, adapted, dumps=None):
        self.adapted = adapted
        self._dumps = dumps or json.dumps

    def dumps(self, obj):
        return self._dumps(obj)


_psycopg2 = _module(
    "psycopg2",
    Error=Error, Warning=Warning, InterfaceError=InterfaceError, DatabaseError=DatabaseError,
    DataError=DataError, OperationalError=OperationalError, IntegrityError=IntegrityError,
    InternalError=InternalError, ProgrammingError=ProgrammingError, NotSupportedError=NotSupportedError,
    paramstyle="pyformat", apilevel="2.0", threadsafety=2, __version__="2.9.5 (migrate-runner shim)",
)
_psycopg2.__path__ = []
_psycopg2.extensions = _module(
    "psycopg2.extensions", AsIs=AsIs, TransactionRollbackError=TransactionRollbackError,
    QueryCanceledError=QueryCanceledError,
    ISOLATION_LEVEL_AUTOCOMMIT=0, ISOLATION_LEVEL_READ_UNCOMMITTED=4, ISOLATION_LEVEL_READ_COMMITTED=1,
    ISOLATION_LEVEL_REPEATABLE_READ=2, ISOLATION_LEVEL_SERIALIZABLE=3, ISOLATION_LEVEL_DEFAULT=None,
)
_psycopg2.extras = _module("psycopg2.extras", Json=Json)
_psycopg2.errors = _module("psycopg2.errors")
_odoo = _module("odoo")
_odoo.__path__ = []
_odoo.upgrade = _module("odoo.upgrade")
_odoo.upgrade.__path__ = []
_odoo.upgrade.util = _module("odoo.upgrade.util")  # its helpers come with a later issue

_CLASSES = {c.__name__: c for c in (
    Error, DatabaseError, DataError, OperationalError, IntegrityError, InternalError,
    ProgrammingError, NotSupportedError, TransactionRollbackError, QueryCanceledError)}
_BUILTINS = {c.__name__: c for c in (ValueError, TypeError, IndexError, KeyError)}

# ---------------------------------------------------------------------------
# Values on the wire: JSON, with tags for what JSON cannot say.


def _enc(v):
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, int):
        return v
    if isinstance(v, float):
        if v != v or v in (float("inf"), float("-inf")):
            return {"$f": repr(v)}
        return v
    if isinstance(v, tuple):
        return {"$t": [_enc(x) for x in v]}
    if isinstance(v, list):
        return [_enc(x) for x in v]
    if isinstance(v, dict):
        return {"$d": [[k, _enc(x)] for k, x in v.items()]}
    if isinstance(v, (bytes, bytearray, memoryview)):
        return {"$b": base64.b64encode(bytes(v)).decode()}
    if isinstance(v, datetime.datetime):
        return {"$dt": v.isoformat(), "aware": v.tzinfo is not None}
    if isinstance(v, datetime.date):
        return {"$date": v.isoformat()}
    if isinstance(v, datetime.time):
        return {"$time": v.isoformat(), "aware": v.tzinfo is not None}
    if isinstance(v, datetime.timedelta):
        return {"$td": (v.days * 86400 + v.seconds) * 1000000 + v.microseconds}
    if isinstance(v, decimal.Decimal):
        return {"$dec": str(v)}
    if isinstance(v, Json):
        return {"$json": v.dumps(v.adapted)}
    if isinstance(v, AsIs):
        return {"$asis": str(v.adapted)}
    return {"$other": type(v).__name__}


def _dec(v):
    if isinstance(v, list):
        return [_dec(x) for x in v]
    if not isinstance(v, dict):
        return v
    if "$t" in v:
        return tuple(_dec(x) for x in v["$t"])
    if "$d" in v:
        return {k: _dec(x) for k, x in v["$d"]}
    if "$f" in v:
        return float(v["$f"])
    if "$b" in v:
        return base64.b64decode(v["$b"])
    if "$dt" in v:
        return datetime.datetime.fromisoformat(v["$dt"])
    if "$date" in v:
        return datetime.date.fromisoformat(v["$date"])
    if "$time" in v:
        return datetime.time.fromisoformat(v["$time"])
    if "$td" in v:
        return datetime.timedelta(microseconds=v["$td"])
    if "$dec" in v:
        return decimal.Decimal(v["$dec"])
    if "$int" in v:
        return int(v["$int"])
    return v


def _call(op, **args):
    _send(dict(args, op=op))
    reply = _recv()
    err = reply.get("err")
    if err is None:
        return reply
    cls = _CLASSES.get(err.get("class")) or _BUILTINS.get(err.get("class")) or DatabaseError
    if issubclass(cls, Error):
        pgerror = err.get("pgerror")
        # psycopg2's message is pgerror without its "ERROR:  " prefix.
        msg = pgerror.split(":  ", 1)[1] if pgerror and ":  " in pgerror else (pgerror or err.get("msg"))
        raise cls(msg, pgcode=err.get("pgcode"), pgerror=pgerror) from None
    raise cls(err.get("msg")) from None


# ---------------------------------------------------------------------------
# The cursor a script receives: Odoo's Cursor API. Rows arrive with the
# execute reply, as psycopg2 buffers them client-side, so fetching costs no
# round trip.


class Column(tuple):
    """psycopg2's Column: (name, type_code, ...) with attributes."""

    def __new__(cls, name, type_code):
        return tuple.__new__(cls, (name, type_code, None, None, None, None, None))

    name = property(lambda self: self[0])
    type_code = property(lambda self: self[1])


class Cursor:
    IN_MAX = 1000

    def __init__(self, dbname):
        self.dbname = dbname
        self._rows = None
        self._pos = 0
        self.rowcount = -1
        self.description = None
        self.statusmessage = None
        self.query = None
        self.arraysize = 1
        self._now = None

    def _take(self, reply):
        self.rowcount = reply["rowcount"]
        self.statusmessage = reply["status"]
        self.query = reply["query"].encode()
        cols = reply.get("columns")
        self.description = tuple(Column(n, t) for n, t in cols) if cols is not None else None
        self._rows = [tuple(_dec(c) for c in r) for r in reply["rows"]] if cols is not None else None
        self._pos = 0

    def execute(self, query, params=None, log_exceptions=True):
        if not isinstance(query, str):
            raise TypeError("migrate-runner: query objects are not supported yet, got %r" % type(query).__name__)
        self._rows, self.description = None, None
        self._take(_call("execute", query=query, params=_enc(params), has_params=params is not None))

    def executemany(self, query, vars_list):
        self._rows, self.description = None, None
        self._take(_call("executemany", query=query, seq=[_enc(v) for v in vars_list]))

    def mogrify(self, query, params=None):
        return _call("mogrify", query=query, params=_enc(params), has_params=params is not None)["sql"].encode()

    def _check(self):
        if self._rows is None:
            raise ProgrammingError("no results to fetch")

    def fetchone(self):
        self._check()
        if self._pos >= len(self._rows):
            return None
        self._pos += 1
        return self._rows[self._pos - 1]

    def fetchmany(self, size=None):
        self._check()
        if size is None:
            size = self.arraysize
        left = len(self._rows) - self._pos
        if size < 0 or size > left:
            size = left
        out = self._rows[self._pos:self._pos + size]
        self._pos += size
        return out

    def fetchall(self):
        return self.fetchmany(-1)

    def _dict(self, row):
        return {d.name: row[i] for i, d in enumerate(self.description)}

    def dictfetchone(self):
        row = self.fetchone()
        return row and self._dict(row)

    def dictfetchmany(self, size):
        return [self._dict(r) for r in self.fetchmany(size)]

    def dictfetchall(self):
        return [self._dict(r) for r in self.fetchall()]

    def split_for_in_conditions(self, ids, size=0):
        size = size or self.IN_MAX
        ids = list(ids)
        for i in range(0, len(ids), size):
            yield tuple(ids[i:i + size])

    def commit(self):
        self._now = None
        self._take(_call("commit"))

    def rollback(self):
        self._now = None
        self._take(_call("rollback"))

    @contextlib.contextmanager
    def savepoint(self, flush=True):
        name = _call("savepoint")["name"]
        try:
            yield
        except BaseException:
            _call("rollback_to", name=name)
            raise
        else:
            _call("release", name=name)
        finally:
            self._rows, self.description, self.rowcount = None, None, -1

    def now(self):
        if self._now is None:
            self.execute("SELECT (now() AT TIME ZONE 'UTC')")
            self._now = self.fetchone()[0]
        return self._now

    def flush(self):
        pass

    def close(self):
        pass


# ---------------------------------------------------------------------------
# Running scripts.


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records = []

    def emit(self, record):
        try:
            self.records.append([record.levelname, record.name, record.getMessage()])
        except Exception:  # a broken %-format in a log call must not fail the script
            self.records.append([record.levelname, record.name, str(record.msg)])


def _script_traceback(e):
    """The traceback as the script's author needs it: the harness's own
    frames (loading, the cursor proxy) are left out."""
    frames = [f for f in traceback.extract_tb(e.__traceback__) if f.filename != __file__]
    out = "".join(traceback.format_exception_only(type(e), e))
    if frames:
        out = "Traceback (most recent call last):\n" + "".join(traceback.format_list(frames)) + out
    return out


def _run(req):
    cr = Cursor(req.get("dbname", ""))
    out, err = io.StringIO(), io.StringIO()
    capture = _Capture()
    root = logging.getLogger()
    root.addHandler(capture)
    root.setLevel(logging.DEBUG)
    status, tb = "ok", ""
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            spec = importlib.util.spec_from_file_location(req["name"], req["path"])
            mod = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(mod)
            migrate = getattr(mod, "migrate", None)
            if migrate is None:
                status = "no-migrate"
            else:
                migrate(cr, req["version"])
    except BaseException as e:  # noqa: BLE001 - a script may raise anything, SystemExit included
        status, tb = "failed", _script_traceback(e)
    finally:
        root.removeHandler(capture)
    _send({"op": "done", "status": status, "traceback": tb, "stdout": out.getvalue(),
           "stderr": err.getvalue(), "logs": capture.records})


def main():
    while True:
        req = _recv()
        if req.get("op") == "run":
            _run(req)
        elif req.get("op") == "quit":
            return


if __name__ == "__main__":
    main()

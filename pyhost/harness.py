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
import functools
import importlib.util
import inspect
import io
import itertools
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


# Named as psycopg2 names them, so that tracebacks read the same as with
# psycopg2 (and as in the embedded host): psycopg2.ProgrammingError: ...
for _c in (Error, Warning, InterfaceError, DatabaseError, DataError, OperationalError, IntegrityError,
           InternalError, ProgrammingError, NotSupportedError):
    _c.__module__ = "psycopg2"
TransactionRollbackError.__module__ = QueryCanceledError.__module__ = "psycopg2.extensions"


class UpgradeError(Exception):
    """upgrade-util's UpgradeError (alias MigrationError)."""


class SleepyDeveloperError(ValueError):
    """upgrade-util's: a helper was called wrongly."""


class UnknownModuleError(AssertionError):
    """upgrade-util's: a module name that ir_module_module does not know."""


for _c in (UpgradeError, SleepyDeveloperError, UnknownModuleError):
    _c.__module__ = "odoo.upgrade.util.exceptions"


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


# psycopg2.sql: the objects hold their parts; formatting and rendering are
# done on the Go side (package sqlexec), which both hosts share.


class Composable:
    def __init__(self, wrapped):
        self._wrapped = wrapped

    def __repr__(self):
        return "%s(%r)" % (self.__class__.__name__, self._wrapped)

    def as_string(self, context):
        return _call("sql_string", v=_enc(self))["sql"]

    def __add__(self, other):
        if isinstance(other, Composed):
            return Composed([self]) + other
        if isinstance(other, Composable):
            return Composed([self]) + Composed([other])
        return NotImplemented

    def __mul__(self, n):
        return Composed([self] * n)

    def __eq__(self, other):
        return type(self) is type(other) and self._wrapped == other._wrapped

    def __ne__(self, other):
        return not self.__eq__(other)


class Composed(Composable):
    def __init__(self, seq):
        wrapped = []
        for i in seq:
            if not isinstance(i, Composable):
                raise TypeError("Composed elements must be Composable, got %r instead" % (i,))
            wrapped.append(i)
        super().__init__(wrapped)

    @property
    def seq(self):
        return list(self._wrapped)

    def __iter__(self):
        return iter(self._wrapped)

    def __add__(self, other):
        if isinstance(other, Composed):
            return Composed(self._wrapped + other._wrapped)
        if isinstance(other, Composable):
            return Composed(self._wrapped + [other])
        return NotImplemented

    def join(self, joiner):
        if isinstance(joiner, str):
            joiner = SQL(joiner)
        elif not isinstance(joiner, SQL):
            raise TypeError("Composed.join() argument must be a string or an SQL")
        return joiner.join(self._wrapped)


class SQL(Composable):
    def __init__(self, string):
        if not isinstance(string, str):
            raise TypeError("SQL values must be strings")
        super().__init__(string)

    @property
    def string(self):
        return self._wrapped

    def format(self, *args, **kwargs):
        return _dec(_call("sql_format", template=self._wrapped, args=_enc(list(args)), kwargs=_enc(kwargs))["v"])

    def join(self, seq):
        rv = []
        for i, item in enumerate(seq):
            if i:
                rv.append(self)
            rv.append(item)
        return Composed(rv)


class Identifier(Composable):
    def __init__(self, *strings):
        if not strings:
            raise TypeError("Identifier cannot be empty")
        for s in strings:
            if not isinstance(s, str):
                raise TypeError("SQL identifier parts must be strings")
        super().__init__(strings)

    @property
    def strings(self):
        return self._wrapped

    @property
    def string(self):
        if len(self._wrapped) == 1:
            return self._wrapped[0]
        raise AttributeError("the Identifier wraps more than one than one string")

    def __repr__(self):
        return "%s(%s)" % (self.__class__.__name__, ", ".join(map(repr, self._wrapped)))


class Literal(Composable):
    @property
    def wrapped(self):
        return self._wrapped


class Placeholder(Composable):
    def __init__(self, name=None):
        if isinstance(name, str):
            if ")" in name:
                raise ValueError("invalid name: %r" % (name,))
        elif name is not None:
            raise TypeError("expected string or None as name, got %r" % (name,))
        super().__init__(name)

    @property
    def name(self):
        return self._wrapped

    def __repr__(self):
        if self._wrapped is None:
            return "%s()" % self.__class__.__name__
        return "%s(%r)" % (self.__class__.__name__, self._wrapped)


class OdooSQL:
    """odoo.tools.SQL (Odoo 17+): code with %s placeholders and its params.
    Building and joining happen on the Go side (package sqlexec)."""

    __slots__ = ("_code", "_params")

    def __init__(self, code="", *args, to_flush=None, **kwargs):
        if isinstance(code, OdooSQL):
            if args or kwargs or to_flush:
                raise TypeError("SQL() unexpected arguments when code has type SQL")
            self._code, self._params = code._code, code._params
            return
        if not isinstance(code, str):
            raise TypeError("SQL() code must be a str, got %r" % (code,))
        v = _call("odoo_sql", code=code, args=_enc(list(args)), kwargs=_enc(kwargs))["v"]
        self._code, self._params = v["$osql"], tuple(_dec(p) for p in v["p"])

    @classmethod
    def _of(cls, wire):
        obj = cls.__new__(cls)
        obj._code, obj._params = wire["$osql"], tuple(_dec(p) for p in wire["p"])
        return obj

    @property
    def code(self):
        return self._code

    @property
    def params(self):
        return list(self._params)

    @property
    def to_flush(self):
        return ()

    def __repr__(self):
        return "SQL(%s)" % ", ".join(map(repr, [self._code, *self._params]))

    def __bool__(self):
        return bool(self._code)

    def __eq__(self, other):
        return isinstance(other, OdooSQL) and self._code == other._code and self._params == other._params

    def __iter__(self):
        yield self.code
        yield self.params

    def join(self, args):
        return OdooSQL._of(_call("odoo_join", sep=_enc(self), args=_enc(list(args)))["v"])

    @classmethod
    def identifier(cls, name, subname=None, to_flush=None):
        return cls._of(_call("odoo_ident", name=name, sub=subname)["v"])


OdooSQL.__name__ = OdooSQL.__qualname__ = "SQL"

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
_psycopg2.extras = _module("psycopg2.extras", Json=Json,
                           execute_values=lambda cur, sql, argslist, template=None, page_size=100, fetch=False:
                           cur.execute_values(sql, argslist, template, page_size, fetch))
_psycopg2.sql = _module("psycopg2.sql", Composable=Composable, Composed=Composed, SQL=SQL, Identifier=Identifier,
                        Literal=Literal, Placeholder=Placeholder, NULL=SQL("NULL"), DEFAULT=SQL("DEFAULT"))
_psycopg2.errors = _module("psycopg2.errors")
_psycopg2.errorcodes = _module("psycopg2.errorcodes")
_odoo = _module("odoo")
_odoo.__path__ = []
_odoo.tools = _module("odoo.tools", SQL=OdooSQL)
_odoo.tools.__path__ = []
_odoo.tools.sql = _module("odoo.tools.sql", SQL=OdooSQL)
_odoo.upgrade = _module("odoo.upgrade")
_odoo.upgrade.__path__ = []
_odoo.upgrade.util = _module("odoo.upgrade.util")  # its helpers come with a later issue

class OrmUnavailable(Exception):
    """A script used Odoo's ORM, which migrate-runner does not run."""


OrmUnavailable.__module__ = "migrate_runner"  # its name in tracebacks, as in the embedded host

_module("migrate_runner", OrmUnavailable=OrmUnavailable)
_CLASSES = {c.__name__: c for c in (OrmUnavailable, UpgradeError, SleepyDeveloperError, UnknownModuleError,
    Error, DatabaseError, DataError, OperationalError, IntegrityError, InternalError,
    ProgrammingError, NotSupportedError, TransactionRollbackError, QueryCanceledError)}
_BUILTINS = {c.__name__: c for c in (
    ValueError, TypeError, IndexError, KeyError, AttributeError, AssertionError, Exception, NotImplementedError,
    RuntimeError)}
_BY_NAME = {}  # psycopg2.errors classes by name, filled at init
_BY_SQLSTATE = {}


def _init_errorcodes(constants):
    """Builds psycopg2.errorcodes from the constants the Go side sends."""
    names = {}
    for name, code in constants:
        setattr(_psycopg2.errorcodes, name, code)
        names[code] = name.rstrip("_")

    def lookup(code):
        """The symbolic name of an error or class code; KeyError if unknown."""
        return names[code]
    _psycopg2.errorcodes.lookup = lookup


def _init_errors(table):
    """Builds psycopg2.errors from the SQLSTATE table the Go side sends."""
    for code, name, base in table:
        cls = type(name, (_CLASSES[base],), {"sqlstate": code, "__module__": "psycopg2.errors"})
        _BY_NAME[name] = _BY_SQLSTATE[code] = cls
        setattr(_psycopg2.errors, name, cls)

    def lookup(code):
        return _BY_SQLSTATE[code]
    _psycopg2.errors.lookup = lookup


class TableKind(__import__("enum").Enum):
    Regular = "r"
    Temporary = "t"
    View = "v"
    Materialized = "m"
    Foreign = "f"
    Other = None


def _helper(qualname, takes_cursor):
    """A Python function that forwards to the Go helper of that name."""
    def call(*args, **kwargs):
        try:
            if takes_cursor:
                if not args:
                    raise TypeError("%s() missing 1 required positional argument: 'cr'" % qualname.rsplit(".", 1)[1])
                cr, args = args[0], args[1:]
                if isinstance(cr, _Env):  # the decorator's env stands for its cursor
                    cr = cr.cr
                reply = _call("helper", name=qualname, args=_enc([_helper_arg(a) for a in args]),
                              kwargs=_enc({k: _helper_arg(v) for k, v in kwargs.items()}))
                if isinstance(cr, Cursor):
                    cr._take(reply)
            else:
                reply = _call("helper", name=qualname, args=_enc(list(args)), kwargs=_enc(kwargs))
        except OrmUnavailable as e:
            raise OrmUnavailable(_located(str(e))) from None
        return _dec(reply["v"])
    call.__name__ = call.__qualname__ = qualname.rsplit(".", 1)[1]
    return call


def _located(msg):
    """msg after "file:line: ", the script line running (the innermost
    frame outside this harness)."""
    f = sys._getframe(1)
    while f is not None and f.f_code.co_filename == __file__:
        f = f.f_back
    if f is None:
        return msg
    return "%s:%d: %s" % (os.path.basename(f.f_code.co_filename), f.f_lineno, msg)


# OpenUpgrade's decorator and the env it passes; the embedded host's are in
# pyhost/embedded/openupgrade.go. The options come bound and resolved from
# the Go helper "openupgradelib.openupgrade.migrate".

_ORM = (" needs Odoo's ORM, which migrate-runner does not run: it runs migration scripts at the SQL level only "
        "(use cr.execute, or run this script inside Odoo)")  # odoolib.OrmUnavailable's text


def _orm(call):
    raise OrmUnavailable(_located(call + _ORM))


class _Env:
    """The env @openupgrade.migrate() passes: env.cr is the cursor, env.uid,
    env.context and env.su what Odoo's Environment holds; anything else
    (env["model"], env.ref(...), env.user, env.company, ...) needs the ORM."""

    __slots__ = ("cr", "uid", "context")

    def __init__(self, cr, uid, context):
        self.cr, self.uid, self.context = cr, uid, context

    @property
    def su(self):
        return self.uid == 1  # superuser mode, as Odoo 13+ sets it for uid 1

    def __getattr__(self, name):
        if name.startswith("_"):  # no public attribute of Odoo's Environment (env._cr is not one)
            raise AttributeError("'Environment' object has no attribute '%s'" % name)
        _orm("env." + name)

    def __getitem__(self, model):
        _orm("env[%r]" % (model,))

    def __contains__(self, model):
        _orm("%r in env" % (model,))

    def __iter__(self):
        _orm("iter(env)")

    def __call__(self, *args, **kwargs):
        _orm("env(\u2026)")

    def ref(self, xml_id, raise_if_not_found=True):
        _orm("env.ref(%r)" % (xml_id,))

    def __repr__(self):
        return "<Environment (migrate-runner: SQL only, env.cr), uid=%r>" % (self.uid,)


_Env.__name__ = _Env.__qualname__ = "Environment"
_Env.__module__ = "odoo.api"


def _ou_migrate(bind):
    """openupgrade.migrate(no_version=False, use_env=None, uid=None, context=None)."""
    def migrate(*args, **kwargs):
        no_version, use_env, uid, context = bind(*args, **kwargs)

        def wrap(func):
            @functools.wraps(func)
            def wrapped_function(cr, version):
                with cr.savepoint():
                    if not version and not no_version:
                        return
                    func(_Env(cr, uid, context) if use_env else cr, version)
            wrapped_function._mr_openupgrade = True  # openupgradelib is imported (_check_signature)
            return wrapped_function
        return wrap
    return migrate


_OU_CALLS = {}  # calls of @openupgrade.logging(step=...) functions, for the host's life, as upstream counts them


def _ou_logging(args_details=False, step=False):
    """openupgrade.logging(args_details=False, step=False): each call of the
    decorated function logs "Executing method <name>" on the OpenUpgrade
    logger (with step, the first call and every step-th one, with the
    count; with args_details, the arguments)."""
    def wrap(func):
        @functools.wraps(func)
        def wrapped_function(*args, **kwargs):
            msg, to_log = "Executing method %s" % func.__name__, True
            if step:
                key = "%s.%s" % (func.__module__, func.__name__)
                _OU_CALLS[key] = current = _OU_CALLS.get(key, 0) + 1
                if current == 1 or current % step == 0:
                    msg += " ; Calls quantity : %d" % current
                    if current == 1:
                        msg += " ; Logging Step : %d" % step
                else:
                    to_log = False
            if args_details and to_log:
                if args:
                    msg += " ; args : %s" % str(args)
                if kwargs:
                    msg += " ; kwargs : %s" % str(kwargs)
            if to_log:
                logging.getLogger("OpenUpgrade").info(msg)
            return func(*args, **kwargs)
        return wrapped_function
    return wrap


@contextlib.contextmanager
def _ou_allow_pgcodes(cr, *codes):
    """openupgrade.allow_pgcodes(cr, *codes): the block in a savepoint, with
    odoo.sql_db's failed-query log muted; a ProgrammingError or IntegrityError
    whose pgcode (or its class, the first two characters) is in codes is
    logged at INFO on OpenUpgrade and swallowed, any other one logged as an
    exception there and raised."""
    def mute(record):
        return False
    sql_logger, ou_logger = logging.getLogger("odoo.sql_db"), logging.getLogger("OpenUpgrade")
    try:
        with cr.savepoint():
            sql_logger.addFilter(mute)
            try:
                yield
            finally:
                sql_logger.removeFilter(mute)
    except (ProgrammingError, IntegrityError) as error:
        lookup = _psycopg2.errorcodes.lookup
        msg = "Code: %s. Class: %s. Error: %s." % (error.pgcode, lookup(error.pgcode[:2]), lookup(error.pgcode))
        if error.pgcode in codes or error.pgcode[:2] in codes:
            ou_logger.info(msg)
        else:
            ou_logger.exception(msg)
            raise


def _helper_arg(v):
    # Helpers iterate sets and generators; as SQL parameters they would not adapt.
    if isinstance(v, (set, frozenset, types.GeneratorType)):
        return list(v)
    return v


def _init_helpers(names, pure=(), modules=(), aliases=None):
    """Installs the Go helpers in their modules, creating the modules (and
    their parent packages) that the shims above do not already define."""
    def ensure(modname):
        if modname not in sys.modules:
            parent, _, leaf = modname.rpartition(".")
            if parent:
                ensure(parent)
            _module(modname, __path__=[])
            if parent:
                setattr(sys.modules[parent], leaf, sys.modules[modname])
    for modname in modules:
        ensure(modname)
    pure = set(pure)
    for qualname in names:
        modname, fname = qualname.rsplit(".", 1)
        ensure(modname)  # also without the module list (a bare init frame)
        fn = _helper(qualname, qualname not in pure)
        if qualname == "odoo.tools.sql.table_kind":
            fn = _table_kind(fn)
        elif qualname == "openupgradelib.openupgrade.migrate":
            fn = _ou_migrate(fn)
        setattr(sys.modules[modname], fname, fn)
    util = sys.modules["odoo.upgrade.util"]
    util.edit_view, util.skippable_cm = edit_view, skippable_cm
    util.if_unchanged, util.dispatch_by_dbuuid = if_unchanged, dispatch_by_dbuuid
    util.import_script, util.chunks = import_script, chunks
    sys.modules["openupgradelib.openupgrade"].logging = _ou_logging
    sys.modules["openupgradelib.openupgrade"].allow_pgcodes = _ou_allow_pgcodes
    util.UpgradeError = util.MigrationError = UpgradeError
    util.SleepyDeveloperError, util.UnknownModuleError = SleepyDeveloperError, UnknownModuleError
    for alias, target in (aliases or {}).items():
        sys.modules[alias] = sys.modules[target]
        parent, _, leaf = alias.rpartition(".")
        setattr(sys.modules[parent], leaf, sys.modules[target])


def chunks(iterable, size, fmt=None):
    """upgrade-util's chunks: iterable in pieces of size, each passed to fmt
    (str: "".join; otherwise iter)."""
    if fmt is None:
        fmt = "".join if type(iterable) is str else iter
    it = iter(iterable)
    while True:
        try:
            first = next(it)
        except StopIteration:
            return
        yield fmt(itertools.chain((first,), itertools.islice(it, size - 1)))


_UPGRADE_PATHS = [[]]  # the running script's --upgrade-path directories


def import_script(path, name=None):
    """upgrade-util's import_script: another upgrade script, by its path
    relative to an upgrade directory (the first one holding it), loaded as a
    module named after the file unless name is given."""
    if not name:
        name, _ = os.path.splitext(os.path.basename(path))
    for directory in _UPGRADE_PATHS[0]:
        full_path = os.path.join(directory, path)
        if os.path.exists(full_path):
            break
    else:
        raise ImportError(path)
    spec = importlib.util.spec_from_file_location(name, full_path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@contextlib.contextmanager
def edit_view(cr, xmlid=None, view_id=None, skip_if_not_noupdate=True, active="auto"):
    """upgrade-util's edit_view: the arch as an lxml element, written back
    (with its translations) when the block ends without an exception."""
    views = sys.modules["migrate_runner.views"]
    got = views.read_arch(cr, xmlid, view_id, skip_if_not_noupdate, active)
    if got is None:
        return  # does not yield, as upstream: wrap it in util.skippable_cm()
    try:
        from lxml import etree
    except ImportError:
        raise ImportError("util.edit_view needs lxml in the external host's Python (apt install python3-lxml, "
                          "or pip install lxml), or run the script in the embedded host (--host embedded)") from None
    vid, arch, active = got
    tree = etree.fromstring(arch.encode("utf-8").replace(b"&#13;\n", b"\n").strip())
    yield tree
    views.write_arch(cr, vid, etree.tostring(tree, encoding="unicode"), active)


@contextlib.contextmanager
def skippable_cm():
    """Lets the context manager nested in it not yield (edit_view)."""
    try:
        yield
    except RuntimeError as r:
        if "generator didn't yield" not in str(r):
            raise


def if_unchanged(cr, xmlid, callback, interval="1 minute", **kwargs):
    """upgrade-util's: callback(cr, xmlid, **kwargs) when the record is
    unchanged since it was created, else mark its xmlid noupdate."""
    util = sys.modules["odoo.upgrade.util"]
    changed = util.is_changed(cr, xmlid, interval=interval)
    if changed is None:
        return
    if changed is False:
        callback(cr, xmlid, **kwargs)
    else:
        util.force_noupdate(cr, xmlid, noupdate=True)


def dispatch_by_dbuuid(cr, version, callbacks):
    """upgrade-util's: run callbacks[dbuuid](cr, version) for this database."""
    uuid = sys.modules["odoo.upgrade.util"].dbuuid(cr)
    if uuid in callbacks:
        func = callbacks[uuid]
        logging.getLogger("odoo.upgrade.util").info("calling dbuuid-specific function `%s`", func.__name__)
        func(cr, version)


def _table_kind(raw):
    def table_kind(cr, tablename):
        kind = raw(cr, tablename)
        if kind is None or _MAJOR[0] and _MAJOR[0] < 17:
            return kind
        return TableKind(kind or None)
    return table_kind


_MAJOR = [0]
_odoo.tools.sql.TableKind = TableKind

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
    if isinstance(v, Composable):
        return _enc_composable(v)
    if isinstance(v, OdooSQL):
        return {"$osql": v._code, "p": [_enc(x) for x in v._params]}
    return {"$other": type(v).__name__}


def _enc_composable(c):
    if isinstance(c, SQL):
        return {"$c": "sql", "v": c._wrapped}
    if isinstance(c, Identifier):
        return {"$c": "id", "v": list(c._wrapped)}
    if isinstance(c, Literal):
        return {"$c": "lit", "v": _enc(c._wrapped)}
    if isinstance(c, Placeholder):
        return {"$c": "ph", "v": c._wrapped}
    return {"$c": "seq", "v": [_enc(x) for x in c._wrapped]}


def _dec_composable(v):
    kind, payload = v["$c"], v["v"]
    if kind == "sql":
        return SQL(payload)
    if kind == "id":
        return Identifier(*payload)
    if kind == "lit":
        return Literal(_dec(payload))
    if kind == "ph":
        return Placeholder(payload)
    return Composed([_dec_composable(x) for x in payload])


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
    if "$c" in v:
        return _dec_composable(v)
    if "$osql" in v:
        return OdooSQL._of(v)
    return v


def _call(op, **args):
    args["op"] = op
    return _exchange(args)


def _exchange(request):
    _send(request)
    reply = _recv()
    if type(reply) is list:
        return reply
    err = reply.get("err")
    if err is None:
        return reply
    cls = (_BY_NAME.get(err.get("name")) or _CLASSES.get(err.get("class")) or _BUILTINS.get(err.get("class"))
           or DatabaseError)
    if issubclass(cls, Error):
        pgerror = err.get("pgerror")
        # psycopg2's message is pgerror without its "ERROR:  " prefix.
        msg = pgerror.split(":  ", 1)[1] if pgerror and ":  " in pgerror else (pgerror or err.get("msg"))
        e = cls(msg, pgcode=err.get("pgcode"), pgerror=pgerror)
        e._mr_query = err.get("query")
        raise e from None
    raise cls(err.get("msg")) from None


# ---------------------------------------------------------------------------
# The cursor a script receives: Odoo's Cursor API. Rows arrive with the
# execute reply, as psycopg2 buffers them client-side, so fetching costs no
# round trip.


_sql_logger = logging.getLogger("odoo.sql_db")


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
        if type(reply) is list:  # the fast execute reply: [rowcount, status, query, columns, rows]
            self.rowcount, self.statusmessage, query, cols, rows = reply
            self.query = query.encode()
            if cols is None:
                self.description = self._rows = None
            else:
                self.description = tuple(Column(n, t) for n, t in cols)
                self._rows = [tuple(_dec(c) for c in r) for r in rows]
            self._pos = 0
            return
        self.rowcount = reply["rowcount"]
        self.statusmessage = reply["status"]
        self.query = reply["query"].encode()
        cols = reply.get("columns")
        self.description = tuple(Column(n, t) for n, t in cols) if cols is not None else None
        self._rows = [tuple(_dec(c) for c in r) for r in reply["rows"]] if cols is not None else None
        self._pos = 0

    def execute(self, query, params=None, log_exceptions=True):
        self._rows, self.description = None, None
        try:
            if type(query) is str:
                self._take(_exchange(["x", query, _enc(params), params is not None]))
            else:
                self._take(_call("execute", query=_enc(query), params=_enc(params), has_params=params is not None))
        except Error as e:
            if getattr(e, "_mr_query", None):  # "": nothing sent yet
                self.query = e._mr_query.encode()
            if log_exceptions:  # Odoo's cursor logs the failed query, then re-raises
                _sql_logger.error("bad query: %s\nERROR: %s", self.query and self.query.decode(), e)
            raise

    def executemany(self, query, vars_list):
        self._rows, self.description = None, None
        self._take(_call("executemany", query=_enc(query), seq=[_enc(v) for v in vars_list]))

    def execute_values(self, query, argslist, template=None, page_size=100, fetch=False):
        self._rows, self.description = None, None
        reply = _call("execute_values", query=_enc(query), argslist=_enc(list(argslist)), template=_enc(template),
                      page_size=page_size, fetch=bool(fetch))
        self._take(reply)
        if fetch:
            return [tuple(_dec(c) for c in r) for r in reply["fetched"]]
        return None

    def mogrify(self, query, params=None):
        return _call("mogrify", query=_enc(query), params=_enc(params), has_params=params is not None)["sql"].encode()

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


# Odoo 18's exec_script accepts these parameter names for migrate(), and
# openupgradelib adds ("env", "version") to Odoo's list when imported.
_VALID_MIGRATE_PARAMS = [(c, v) for c in ("cr", "_cr") for v in ("version", "_version")]


def _uses_openupgradelib(mod, migrate):
    """Whether the script imported openupgradelib (one of its modules is
    in the script's globals) or its migrate() is openupgradelib's."""
    if getattr(migrate, "_mr_openupgrade", False):
        return True
    return any(isinstance(v, types.ModuleType) and (v.__name__ == "openupgradelib" or v.__name__.startswith("openupgradelib."))
               for v in vars(mod).values())


def _check_signature(mod, migrate, addon):
    """Odoo 18's check of migrate()'s signature, with its messages."""
    valid = list(_VALID_MIGRATE_PARAMS)
    if _uses_openupgradelib(mod, migrate):
        valid.append(("env", "version"))
    try:
        sig = inspect.signature(migrate)
    except TypeError as e:
        raise TypeError("module %s: `migrate` needs to be a function, got %r" % (addon, migrate)) from e
    if not (tuple(sig.parameters.keys()) in valid
            and all(p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) for p in sig.parameters.values())):
        raise TypeError("module %s: `migrate`'s signature should be `(cr, version)`, %s is %s" % (addon, migrate, sig))


def _run(req):
    _MAJOR[0] = req.get("major", 0)
    _UPGRADE_PATHS[0] = req.get("upgrade_paths") or []
    cr = Cursor(req.get("dbname", ""))
    out, err = io.StringIO(), io.StringIO()
    capture = _Capture()
    root = logging.getLogger()
    root.addHandler(capture)
    root.setLevel(logging.DEBUG)
    status, tb, defined = "ok", "", []
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            spec = importlib.util.spec_from_file_location(req["name"], req["path"])
            mod = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(mod)
            migrate = getattr(mod, "migrate", None)
            if migrate is None:
                status = "no-migrate"
                defined = sorted(k for k, v in vars(mod).items()
                                 if isinstance(v, types.FunctionType) and v.__module__ == mod.__name__)
            else:
                if _MAJOR[0] >= 18:
                    _check_signature(mod, migrate, req.get("addon", ""))
                migrate(cr, req["version"])
    except BaseException as e:  # noqa: BLE001 - a script may raise anything, SystemExit included
        status, tb = "failed", _script_traceback(e)
    finally:
        root.removeHandler(capture)
    _send({"op": "done", "status": status, "traceback": tb, "stdout": out.getvalue(),
           "stderr": err.getvalue(), "logs": capture.records, "defined": defined})


def main():
    while True:
        req = _recv()
        if req.get("op") == "init":
            _init_errors(req["errors"])
            _init_errorcodes(req.get("errorcodes") or [])
            _init_helpers(req["helpers"], req.get("pure", ()), req.get("modules", ()), req.get("aliases"))
            _send({"op": "ready"})
        elif req.get("op") == "run":
            _run(req)
        elif req.get("op") == "quit":
            return


if __name__ == "__main__":
    main()

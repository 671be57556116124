# Migration snippet: retry with a context manager and custom exceptions.
class Savepoint:
    def __init__(self, log, name):
        self.log = log
        self.name = name
    def __enter__(self):
        self.log.append("SAVEPOINT " + self.name)
        return self
    def __exit__(self, et, e, tb):
        self.log.append(("ROLLBACK TO " if et else "RELEASE ") + self.name)
        return False
class DBError(Exception):
    pass
log = []
for i, stmt in enumerate(["ok1", "bad", "ok2"]):
    try:
        with Savepoint(log, "sp%d" % i):
            if stmt == "bad":
                raise DBError("syntax error at %r" % stmt)
            log.append("EXEC " + stmt)
    except DBError as e:
        log.append("caught: %s" % e)
for line in log:
    print(line)

import logging
_logger = logging.getLogger(__name__)

class FakeCursor:
    def __init__(self):
        self.log = []
        self.rowcount = 0
    def execute(self, q, params=None):
        self.log.append(q % params if params else q)
        self.rowcount += 1

class Migration:
    table = "res_partner"
    def __init__(self, cr):
        self.cr = cr
    def run(self, version):
        self.cr.execute("UPDATE %s SET active = true" % self.table)
        ids = (1, 2, 3)
        self.cr.execute("DELETE FROM x WHERE id IN %s", (ids,))
        for col in ("a", "b"):
            self.cr.execute(f"ALTER TABLE {self.table} ADD COLUMN x_{col} int")
        return "%s: %d statements" % (version, self.cr.rowcount)

class Verbose(Migration):
    def run(self, version):
        res = super().run(version + ".1")
        return f"[{res!r}]"

cr = FakeCursor()
print(Verbose(cr).run("16.0"))
print("\n".join(cr.log))

"""Check the category tree once everything is upgraded: complete_name must
be "parent / child" and every sold product must sit under "All / Saleable"
or "All / Services"."""
import logging

_logger = logging.getLogger(__name__)


class CatalogIntegrityError(Exception):
    """The catalogue is inconsistent after the upgrade."""

    def __init__(self, what, ids):
        super().__init__("%s: %s" % (what, sorted(ids)))
        self.ids = ids


def full_name(names, parents, categ_id):
    parts = []
    while categ_id:
        parts.append(names[categ_id])
        categ_id = parents[categ_id]
    return " / ".join(reversed(parts))


def migrate(cr, version):
    cr.execute("SELECT id, name, parent_id, complete_name FROM product_category ORDER BY id")
    rows = cr.fetchall()
    names = {str(r[0]): r[1] for r in rows}
    parents = {str(r[0]): str(r[2]) if r[2] else None for r in rows}
    fixed = 0
    for categ_id, _name, _parent, complete_name in rows:
        expected = full_name(names, parents, str(categ_id))
        if expected != complete_name:
            cr.execute("UPDATE product_category SET complete_name = %s WHERE id = %s", (expected, categ_id))
            _logger.info("category {0}: {1!r} -> {2!r}".format(categ_id, complete_name, expected))
            fixed += 1
    cr.execute("""
        SELECT t.id FROM product_template t
          JOIN product_category c ON c.id = t.categ_id
         WHERE t.active AND c.complete_name NOT LIKE 'All / Saleable%' AND c.complete_name NOT LIKE 'All / Services%'
    """)
    orphans = [r[0] for r in cr.fetchall()]
    if orphans:
        raise CatalogIntegrityError("products outside the sold categories", orphans)
    _logger.info("category tree checked, %d complete names fixed", fixed)

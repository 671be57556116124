"""account_sync_legacy was merged into account_sync: move its xmlids.

An xmlid that account_sync already defines for the same record is a
duplicate and is deleted; one pointing elsewhere is a real conflict."""
import logging

from psycopg2 import errors

_logger = logging.getLogger(__name__)

OLD_MODULE = "account_sync_legacy"
NEW_MODULE = "account_sync"


class XmlidConflict(Exception):
    def __init__(self, name, old_res_id, new_res_id):
        super().__init__(f"{NEW_MODULE}.{name}: res_id {old_res_id} (legacy) vs {new_res_id}")
        self.name = name


def move_xmlid(cr, xmlid_id, name, res_id):
    try:
        with cr.savepoint():
            cr.execute("UPDATE ir_model_data SET module = %s WHERE id = %s", (NEW_MODULE, xmlid_id),
                       log_exceptions=False)
        return "moved"
    except errors.UniqueViolation:
        cr.execute("SELECT res_id FROM ir_model_data WHERE module = %s AND name = %s", (NEW_MODULE, name))
        (existing,) = cr.fetchone()
        if existing != res_id:
            raise XmlidConflict(name, res_id, existing)
        cr.execute("DELETE FROM ir_model_data WHERE id = %s", (xmlid_id,))
        return "deleted"


def migrate(cr, version):
    cr.execute("SELECT id, name, res_id FROM ir_model_data WHERE module = %s ORDER BY name", (OLD_MODULE,))
    outcome = {"moved": [], "deleted": []}
    for xmlid_id, name, res_id in cr.fetchall():
        outcome[move_xmlid(cr, xmlid_id, name, res_id)].append(name)
    for what in sorted(outcome):
        _logger.info("%s %d xmlid(s): %s", what, len(outcome[what]), ", ".join(outcome[what]))
    cr.execute(
        "UPDATE ir_config_parameter SET key = %s WHERE key = %s",
        ("account_sync.endpoint", "account_sync.legacy_endpoint"),
    )
    cr.execute("DELETE FROM ir_module_module WHERE name = %s AND state = 'uninstalled'", (OLD_MODULE,))

"""Stand-in for odoo.upgrade.util (conformance tests under CPython)."""

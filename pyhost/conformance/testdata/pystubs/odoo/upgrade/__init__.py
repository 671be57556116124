"""Stand-in for odoo.upgrade (conformance tests under CPython)."""

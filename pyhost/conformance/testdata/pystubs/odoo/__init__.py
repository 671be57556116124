"""Stand-in for the odoo package (conformance tests under CPython)."""

"""Tests folder: skipped silently by Odoo."""

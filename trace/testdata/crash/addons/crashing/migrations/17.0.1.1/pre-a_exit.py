"""Kills its interpreter: the trace restarts the host and goes on."""
import os


def migrate(cr, version):
    cr.execute("UPDATE res_partner SET active = false")
    os._exit(3)

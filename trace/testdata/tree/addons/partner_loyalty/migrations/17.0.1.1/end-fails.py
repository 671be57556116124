"""A script that raises: the trace shows it and goes on."""


def migrate(cr, version):
    cr.execute("UPDATE res_partner SET loyalty_tier = lower(loyalty_tier)")
    raise ValueError("partner 7 has no loyalty tier")

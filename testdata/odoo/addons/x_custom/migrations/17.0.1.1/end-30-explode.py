# upgrade-util's explode_execute: one bucket per line here (bucket_size=1),
# so the run commits at this call and runs the buckets on --jobs
# connections (a commit point in the report).
from odoo.upgrade import util


def migrate(cr, version):
    n = util.explode_execute(
        cr, "UPDATE sale_order_line SET unit_price = unit_price * 2 WHERE {parallel_filter}",
        table="sale_order_line", bucket_size=1)
    print("lines repriced:", n)

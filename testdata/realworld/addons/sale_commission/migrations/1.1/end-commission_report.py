"""Print the commission table as it stands after the upgrade."""


def migrate(cr, version):
    cr.execute("""
        SELECT u.login, count(so.id), coalesce(sum(so.amount_untaxed), 0), coalesce(sum(so.commission_amount), 0)
          FROM res_users u
          LEFT JOIN sale_order so ON so.user_id = u.id AND so.state = 'sale'
         GROUP BY u.login
         ORDER BY u.login
    """)
    rows = cr.fetchall()
    header = "{:<8} {:>6} {:>12} {:>10}".format("user", "orders", "untaxed", "commission")
    print(header)
    print("-" * len(header))
    for login, count, untaxed, commission in rows:
        print("{:<8} {:>6d} {:>12,.2f} {:>10.2f}".format(login, count, untaxed, commission))
    cr.execute("SELECT count(*) FROM sale_order WHERE state = 'sale' AND commission_amount IS NULL")
    print("orders without commission: {0[0]}".format(cr.fetchone()))

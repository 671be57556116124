# Migration snippet: splitting xml ids and model names.
xmlids = ["base.group_user", "sale.view_order_form", "nodot", "a.b.c"]
for x in xmlids:
    module, sep, name = x.partition(".")
    if not sep:
        print("invalid xmlid %r" % x)
        continue
    print("%s / %s" % (module, name))
print("res.partner".replace(".", "_"))
print("_".join("sale.order.line".split(".")))
print("model_" + "res.partner".replace(".", "_"))

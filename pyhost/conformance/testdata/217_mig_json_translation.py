# Migration snippet: jsonb translations for Odoo 16+.
import json
names = [(1, "Partner", "Partenaire"), (2, "Order", None)]
for rid, en, fr in names:
    value = {"en_US": en}
    if fr:
        value["fr_FR"] = fr
    print(rid, json.dumps(value, sort_keys=True))
raw = '{"en_US": "Invoice", "nl_NL": "Factuur"}'
tr = json.loads(raw)
print(tr.get("fr_FR", tr["en_US"]))
print("UPDATE t SET name = %s WHERE id = %s" % (repr(json.dumps({"en_US": "x"})), 1))

# Migration snippet: loop over (model, old, new) tuples.
RENAMES = [
    ("res.partner", "x_ref", "ref_code"),
    ("sale.order", "x_note", "note_internal"),
    ("account.move", "x_old_state", "legacy_state"),
]
for model, old, new in RENAMES:
    table = model.replace(".", "_")
    print("rename_field(cr, %r, %r, %r) -> table %s" % (model, old, new, table))
by_model = {}
for model, old, new in RENAMES:
    by_model.setdefault(model.split(".")[0], []).append(new)
for k in sorted(by_model):
    print(k, by_model[k])

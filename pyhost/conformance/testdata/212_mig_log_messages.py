# Migration snippet: log messages formatted like logging does.
def fmt(msg, *args):
    return msg % args if args else msg
print(fmt("Updated %s partners", 3))
print(fmt("Field %r of model %s renamed to %r", "x_old", "res.partner", "x_new"))
print(fmt("Skipping %d/%d records (%.1f%%)", 5, 40, 12.5))
print(fmt("no args %s"))
print(fmt("ids: %s", (1, 2)))
print(fmt("%s", None))
print(fmt("%-12s|%6.2f|", "label", 3.14159))

# Migration snippet: parameters for IN clauses.
ids = {5, 3, 9, 1}
params = (tuple(sorted(ids)),)
query = "DELETE FROM ir_attachment WHERE res_id IN %s"
print(query % params)
print(len(params), len(params[0]))
empty = tuple()
if not empty:
    print("nothing to delete")
names = ("a'b", "c")
print("WHERE name IN %s" % (names,))
print("%s AND %s" % ("active", "company_id IN %s" % ((1, 2),)))

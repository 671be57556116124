# SQL-like "IN %s" strings built with % and tuple(ids).
ids = [4, 2, 9]
print("SELECT id FROM res_partner WHERE id IN %s" % (tuple(ids),))
print("WHERE id IN %s" % (tuple([5]),))
print("WHERE id IN %s" % (tuple(sorted(ids)),))
names = ["a", "b"]
print("WHERE name IN %s" % (tuple(names),))
print("UPDATE t SET x = %s WHERE id = %s" % (1, 2))
query = "DELETE FROM %s WHERE id IN %s"
print(query % ("ir_model_data", tuple(range(3))))
print("%s" % (tuple(),))

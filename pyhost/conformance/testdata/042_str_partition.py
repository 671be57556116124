# partition and rpartition.
print("key=value=x".partition("="))
print("key=value=x".rpartition("="))
print("novalue".partition("="))
print("novalue".rpartition("="))
xmlid = "base.group_user"
module, _, name = xmlid.partition(".")
print(module, name)
print("a.b.c".rpartition(".")[0])

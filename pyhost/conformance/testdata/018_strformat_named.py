# str.format with keyword fields.
print("{name} is {age}".format(name="Ann", age=30))
d = {"model": "res.users", "n": 5}
print("{model}: {n}".format(**d))
print("{0} {x}".format("pos", x="kw"))
print("{a}{a}{b}".format(a=1, b=2))
tpl = "Hello, {who}!"
for who in ["world", "Odoo"]:
    print(tpl.format(who=who))

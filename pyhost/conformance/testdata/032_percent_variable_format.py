# % where the format string is a variable, not a literal.
fmt = "%s-%s"
print(fmt % ("a", "b"))
templates = ["%d rows", "model %r", "%s: %.1f%%"]
print(templates[0] % 5)
print(templates[1] % "res.partner")
print(templates[2] % ("done", 99.5))
def render(template, *args):
    return template % args
print(render("%s/%s/%s", 1, 2, 3))
print(render("no args"))
single = "%s"
print(single % (None,))
print(single % ((1, 2),))

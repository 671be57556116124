# removeprefix and removesuffix.
print("x_studio_name".removeprefix("x_studio_"))
print("model.py".removesuffix(".py"))
print("abc".removeprefix("z"))
print("abc".removesuffix(""))
print("ir.model.fields".removeprefix("ir."))

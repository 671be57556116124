# Case methods.
s = "hello World of odoo"
print(s.upper())
print(s.lower())
print(s.title())
print(s.capitalize())
print(s.swapcase())
print("Straße".casefold())
print("ÉCOLE".lower())
print("res_partner".title())
print("MiXeD".lower() == "mixed")

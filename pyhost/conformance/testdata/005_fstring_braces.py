# Doubled braces are literal braces in f-strings.
x = 7
print(f"{{}}")
print(f"{{x}}")
print(f"{{{x}}}")
print(f"{{{{{x}}}}}")
print(f"a{{b}}c{x}d")
print(f"}}{x}{{")
d = {"k": 1}
print(f"{{'k': {d['k']}}}")

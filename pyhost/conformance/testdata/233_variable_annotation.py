# Variable annotations.
count: int = 3
name: str
print(count)

a, b, c = 1, 2, 3
x = (a
     + b
     % c)
y = [a +  # comment after operator
     b,
     c  # comment before operator
     + a]
z = a \
    + b \
    % c
print(x, y, z)
s = ("%s-%s"
     % (a, b))
print(s)

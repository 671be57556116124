# is* predicates.
for s in ["123", "abc", "abc123", "  ", "ABC", "abc", "Title Case", "x_1", "1x", "", "١٢"]:
    print(repr(s), s.isdigit(), s.isalpha(), s.isalnum(), s.isspace(),
          s.isupper(), s.islower(), s.istitle(), s.isidentifier(), s.isdecimal())

# repr picks quotes like CPython and escapes specials.
for s in ["plain", "it's", 'say "hi"', "both ' and \"", "\n\t\\", "café", "\x00\x7f", "€", "\u200b", ""]:
    print(repr(s))
print(ascii("café €"))

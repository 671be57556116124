words = ["hello world", "HELLO", "Hello World", "hELLO wORLD", "they're bill's friends", "ß straße", "", "123", "  ", "ǅungla", "x1_y", "1abc", "Ab Cd", "ab Cd", "²³", "½", "١٢٣", "abc123", "ABC DEF1", "a\tb", "\x1c"]
for w in words:
    print([w], w.casefold(), w.title(), w.capitalize(), w.swapcase())
    print(w.isdigit(), w.isalpha(), w.isalnum(), w.isspace(), w.isupper(), w.islower(), w.isidentifier(), w.isnumeric(), w.isdecimal(), w.istitle(), w.isascii(), w.isprintable())
print("a\nb\r\nc\rd\x0be\x0cf\x1cg\x85h\u2028i\n".splitlines())
print("a\nb\r\nc\rd\n".splitlines(True), "".splitlines(), "\n".splitlines(), "x".splitlines(keepends=True))
print("héllo".encode(), "abc".encode("ascii"), "héllo".encode("latin-1"), "héllo".encode("ascii", "ignore"), "héllo".encode("ascii", "replace"))
print("h€".encode("ascii", "xmlcharrefreplace"), "h€".encode("ascii", "backslashreplace"), "x".encode(encoding="UTF8"))
for bad in (lambda: "héllo".encode("ascii"), lambda: "a€".encode("latin-1"), lambda: "x".encode("nope"), lambda: "ab".index("z"), lambda: "ab".rindex("z"),
            lambda: "a".partition(""), lambda: "a".rsplit(""), lambda: "a".ljust(5, "ab"), lambda: "a".partition(1)):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
s = "abcabcabc"
print(s.index("b"), s.index("b", 2), s.index("c", -4), s.rindex("b"), s.rfind("b"), s.rfind("b", 0, 4), s.rfind("z"), s.rfind(""), s.rfind("", 20), s.rfind("bc", -3))
print("héllo wörld".index("w"), "héllo wörld".rfind("ö"), "aaa".rfind("aa"))
print("a=b=c".partition("="), "a=b=c".rpartition("="), "abc".partition("x"), "abc".rpartition("x"))
print("a b  c ".rsplit(), "a,b,c".rsplit(",", 1), " a b c ".rsplit(None, 1), "a,,b".rsplit(","), "".rsplit(), "abc".rsplit("b", 0))
print("ab".ljust(5, "*"), "ab".rjust(5), "ab".center(7, "-"), "ab".center(6, "-"), "abc".center(6, "-"), "abc".center(2), "é".rjust(3, "·"))
print("42".zfill(5), "-42".zfill(5), "+4".zfill(4), "abc".zfill(2), "".zfill(3))
print("a\tbc\tdef\tg".expandtabs(), "a\tb".expandtabs(4), "12345\t6\n\tx".expandtabs(4), "a\tb".expandtabs(0))
print("prefix_name".removeprefix("prefix_"), "name.py".removesuffix(".py"), "x".removeprefix("y"), "".removesuffix(""))
table = str.maketrans("abc", "xyz", "d")
print("aabbccdd".translate(table), "hello".translate(str.maketrans({"l": "L", "o": None})), "abc".translate({}))
print("ab".translate(str.maketrans({"a": "123"})), len(str.maketrans("ab", "cd")))
print("Hello".upper(), "Hello".lower(), " x ".strip(), "a,b".split(","), "-".join(["a", "b"]), "aXbX".replace("X", "-"))

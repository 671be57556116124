b = b"a,b,,c"
print(b.split(b","), b.split(b",", 1), b" a  b\tc\n".split(), b"  ".split(), b"a b c".split(None, 1), b"".split(b","))
print(b"-".join([b"x", b"y", b"z"]), b"".join([]), b", ".join((b"a",)))
print(b"hello".startswith(b"he"), b"hello".startswith((b"x", b"hel")), b"hello".endswith(b"lo"), b"hello".startswith(b"l", 2), b"hello".endswith(b"l", 0, 4))
print(b"  hi \n".strip(), b"xxhixx".strip(b"x"), b"  hi ".lstrip(), b"  hi ".rstrip(), b"\xffab\xff".strip(b"\xff"))
print(b"\x00\xff\x10".hex(), b"".hex(), b"abc".hex("-"), b"abcdef".hex(":", 2), b"abcde".hex(":", -2))
print(b"abcabc".find(b"c"), b"abcabc".find(b"c", 3), b"abcabc".rfind(b"a"), b"abc".find(b"z"), b"abc".find(98), b"abcabc".index(b"b", 2), b"aaaa".count(b"aa"), b"abc".count(b""))
print(b"Hello World".upper(), b"Hello World".lower(), b"caf\xc3\xa9".decode(), b"caf\xe9".decode("latin-1"), b"abc".decode("ascii"))
print(b"a\xffb".decode("utf-8", "replace"), b"a\xffb".decode("utf-8", "ignore"), b"a\xffb".decode("ascii", "backslashreplace"), b"ok".decode(errors="strict"))
print(len(b"abc"), len(b""), b"a" + b"b" if False else __mr_add__(b"a", b"b"), b"replace".replace(b"e", b"E"))
for bad in (lambda: b"\xff".decode(), lambda: b"a\xc3".decode(), lambda: b"\xc3(".decode(), lambda: b"\x80".decode("ascii"),
            lambda: b"\xe2\x82(".decode(), lambda: b"\xe2\x82".decode(), lambda: b"x".decode("nope"), lambda: b"a".split(b""), lambda: b"a".join(["x"]), lambda: b"a".index(b"z"),
            lambda: b"a".startswith("a"), lambda: b"a".find(300)):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
print(list(b"ab"), tuple(b"\x01\x02"), sorted(b"ba"), "é".encode().decode())

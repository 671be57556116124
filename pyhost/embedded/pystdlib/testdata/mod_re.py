# re: the calls Odoo migration scripts make, plus the edge cases of
# positions, empty matches, templates and errors. Output must be the
# same under CPython 3.11 and gpython + pystdlib.
import re


def show(label, value):
    print(label, repr(value))


def err(label, fn):
    try:
        fn()
        print(label, "no error")
    except re.error as e:
        print(label, "re.error:", str(e))
    except IndexError as e:
        print(label, "IndexError:", str(e))
    except TypeError as e:
        print(label, "TypeError:", str(e))
    except ValueError as e:
        print(label, "ValueError:", str(e))


# match / search / fullmatch
show("match", re.match(r"(\d+)\.(\d+)", "16.0.1.3").groups())
show("match none", re.match(r"\d", "a1"))
show("search", re.search(r"\d+", "abc 123 def").group())
show("fullmatch", re.fullmatch(r"a|ab", "ab").group())
show("fullmatch none", re.fullmatch(r"a", "ab"))
show("version", re.match(r"^(\d+)\.(\d+)\.(\d+)\.(\d+)$", "17.0.1.0").group(1, 4))
show("ignorecase", re.search(r"SELECT", "select 1", re.I).group())
show("multiline", re.findall(r"^\w+", "one two\nthree four\nfive", re.M))
show("dotall", re.search(r"a.b", "a\nb", re.S).group())
show("no dotall", re.search(r"a.b", "a\nb"))
show("verbose", re.match(r"""
    (\d+)   # major
    \.      # dot
    (\d+)   # minor [not a class] # still a comment
    """, "12.5", re.X).groups())
show("inline flags", re.findall(r"(?i)x", "xXx"))
show("scoped flags", re.findall(r"a(?i:b)c", "abc aBc aBC"))
show("combined flags", re.compile("a", re.I | re.M | re.S).flags)
show("flag repr", re.I | re.M)
show("pattern repr", re.compile(r"\d+", re.IGNORECASE))
show("pattern repr plain", re.compile("x"))
show("flags value", re.compile(r"(?i)a").flags)

# Match objects
m = re.search(r"(?P<key>\w+)=(?P<value>\w*)(;)?", "  a=1 b=")
show("group0", m.group(0))
show("group name", m.group("key"))
show("group several", m.group(1, "value", 3))
show("groups", m.groups())
show("groups default", m.groups(""))
show("groupdict keys", sorted(m.groupdict()))
show("groupdict value", m.groupdict("-")["value"])
show("start end span", (m.start(), m.end(), m.span(2), m.span(3)))
show("getitem", m["value"])
show("lastindex", m.lastindex)
show("lastgroup", m.lastgroup)
show("string", m.string)
show("re", m.re.pattern)
show("pos endpos", (m.pos, m.endpos))
show("regs", m.regs)
show("truth", not not m)
show("match repr", m)
show("expand", m.expand(r"\2:\g<key>"))
err("no such group", lambda: m.group(9))
err("no such name", lambda: m.group("nope"))
show("lastindex nested", re.match(r"(a(b))", "ab").lastindex)
show("lastindex empty", re.match(r"(a)()", "a").lastindex)
show("lastindex none", re.match(r"a", "a").lastindex)

# Unicode: positions are characters
m = re.search(r"(w\w+)", "héllo wörld")
show("unicode span", m.span(1))
show("unicode word", re.findall(r"\w+", "Ünïcödé wörds, 123 ٣"))
show("unicode digit", re.findall(r"\d", "1٣३"))
show("unicode space", re.split(r"\s+", "a\u00a0b\u2003c d"))
show("ascii flag", re.findall(r"\w+", "héllo wörld", re.A))
show("unicode ignorecase", re.findall(r"é", "ÉéE", re.I))
show("negated word class", re.findall(r"[^\W\d_]+", "abc_12déf3"))
show("class with non-word", re.findall(r"[\W\d]+", "ab, 12!cd"))
show("class with non-space", re.findall(r"[\Sx]+", "ab cd\tx"))
show("ignorecase negated class", re.findall(r"(?i)[^\Wa]+", "bAcaD"))

# pos / endpos
p = re.compile(r"\d+")
show("search pos", p.search("ab12cd34", 4).group())
show("search endpos", p.search("ab12cd34", 0, 3).group())
show("match pos", p.match("ab12", 2).group())
show("caret at pos", re.compile(r"^\d").search("a1", 1))
show("multiline caret at pos", re.compile(r"^\d", re.M).search("a\n1", 1).span())
show("word boundary at pos", re.compile(r"\b\d").search("a1 2", 1).span())
show("fullmatch endpos", p.fullmatch("12ab", 0, 2).group())
show("findall pos", p.findall("1 22 333", 2))

# sub / subn
show("sub", re.sub(r"\s+", " ", "a  b\t\tc\n"))
show("sub groups", re.sub(r"(\w+)@(\w+)", r"\2 at \1", "joe@home, ann@work"))
show("sub named", re.sub(r"(?P<first>\w) (?P<second>\w)", r"\g<second>-\g<first>-\g<0>", "a b"))
show("sub escapes", re.sub("x", r"\n\t\\", "axb"))
show("sub unknown escape kept", re.sub("x", r"\-\.", "x"))
show("sub octal", re.sub("x", r"\101\0", "x"))
show("sub count", re.sub("a", "b", "aaaa", count=2))
show("sub positional count", re.sub("a", "b", "aaaa", 3))
show("sub function", re.sub(r"\d+", lambda m: str(int(m.group()) * 2), "a1b22c"))
show("sub unmatched group", re.sub(r"(a)|(b)", r"[\1\2]", "ab"))
show("sub empty matches", re.sub("x*", "-", "abxd"))
show("sub empty pattern", re.sub("", "-", "abc"))
show("subn", re.subn(r"\d", "#", "a1b2c3"))
show("subn none", re.subn("z", "y", "abc"))
show("sub compiled", re.compile("o").sub("0", "foo boo"))
show("sub unicode", re.sub(r"ö", "oe", "wörld"))
err("sub bad escape", lambda: re.sub("a", r"\q", "a"))
err("sub bad group", lambda: re.sub("a", r"\2", "a"))
err("sub bad name", lambda: re.sub("(?P<x>a)", r"\g<y>", "a"))
err("sub bad repl type", lambda: re.sub("a", lambda m: 1, "a"))

# split
show("split", re.split(r",\s*", "a, b,c ,d"))
show("split groups", re.split(r"(,)(x)?", "a,b,c"))
show("split maxsplit", re.split(r",", "a,b,c,d", maxsplit=2))
show("split empty matches", re.split(r"\b", "a b"))
show("split no match", re.split(r";", "abc"))
show("split edges", re.split(r",", ",a,"))

# findall / finditer
show("findall no group", re.findall(r"\d+", "a1b22c333"))
show("findall one group", re.findall(r"(\d)\d*", "a1b22c333"))
show("findall groups", re.findall(r"(a)(b)?", "abac"))
show("findall empty", re.findall(r"x*", "axb"))
show("finditer", [m.span() for m in re.finditer(r"\w+", "ab cd  e")])
show("finditer groups", [m.group(1) for m in re.finditer(r"(\d)", "1a2")])
show("findall sql", re.findall(r"\b(?:FROM|JOIN)\s+(\w+)", "SELECT * FROM res_partner p JOIN res_users u ON u.id = p.id"))

# escape and purge
show("escape", re.escape("a.b-c d#e_1\t~&é"))
show("escape roundtrip", re.match(re.escape("1+1=2?"), "1+1=2?").group())
re.purge()
show("after purge", re.match("a", "a").group())

# Syntax that maps to RE2
show("\\Z", re.findall(r"a\Z", "aa"))
show("\\A", re.findall(r"\Aa", "aa"))
show("brace literal", re.findall(r"a{,2}b|x{", "aab x{"))
show("brace repeat", re.findall(r"a{2,3}", "aaaa"))
show("lazy", re.findall(r"<.*?>", "<a><b>"))
show("hex escapes", re.findall(r"\x41\u00e9\U0001F600", "Aé\U0001F600"))
show("octal", re.findall(r"\101\0", "A\x00"))
show("class literal bracket", re.findall(r"[]a]+", "a]b"))
show("class caret", re.findall(r"[^]a]+", "a]bc"))
show("class dash", re.findall(r"[a-]+", "a-b"))
show("class posix-looking", re.findall(r"[[:alpha:]]+", "ab:[x]"))
show("class escapes", re.findall(r"[\t\b\-\]]", "\t\b-]x"))
show("comment group", re.findall(r"a(?#note)b", "ab"))
show("named group syntax", re.match(r"(?P<año>\d+)", "2024").group("año"))
show("groupindex", re.compile(r"(?P<a>x)(y)(?P<b>z)").groupindex["b"])
show("groups count", re.compile(r"(a)(?:b)(?P<c>c)").groups)

# Errors: CPython's messages and positions
err("nothing to repeat", lambda: re.compile("*a"))
err("multiple repeat", lambda: re.compile("a**"))
err("unbalanced", lambda: re.compile("a)"))
err("unterminated group", lambda: re.compile("(a"))
err("unterminated class", lambda: re.compile("[a"))
err("bad escape", lambda: re.compile(r"\q"))
err("incomplete escape", lambda: re.compile(r"\x4"))
err("bad range", lambda: re.compile("[z-a]"))
err("bad group name", lambda: re.compile("(?P<1>a)"))
err("duplicate name", lambda: re.compile("(?P<a>x)(?P<a>y)"))
err("min greater than max", lambda: re.compile("a{3,2}"))
err("global flags late", lambda: re.compile("a(?i)"))
err("unknown extension", lambda: re.compile("(?<n>a)"))
err("invalid group reference", lambda: re.compile(r"\2"))
err("unknown group name", lambda: re.compile(r"(?P=n)"))
err("flags with compiled", lambda: re.compile(re.compile("a"), re.I))
err("non-str subject", lambda: re.match("a", 5))
err("repeat an anchor", lambda: re.compile(r"\b*"))
err("sub bad repl later", lambda: re.sub("b", lambda m: 1, "abc"))
show("sub repl None", re.sub("b", lambda m: None, "abc"))

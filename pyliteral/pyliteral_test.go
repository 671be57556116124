package pyliteral

import (
	"errors"
	"math"
	"math/big"
	"strings"
	"testing"
)

// acceptCases are inputs ast.literal_eval accepts (checked against CPython
// 3.11), with the resulting type and str() of the value. pos is where the
// top-level expression starts.
var acceptCases = []struct {
	src  string
	kind Kind
	str  string
	pos  Pos
}{
	// Constants.
	{"None", None, "None", Pos{1, 1}},
	{"True", Bool, "True", Pos{1, 1}},
	{"False", Bool, "False", Pos{1, 1}},

	// Integers.
	{"0", Int, "0", Pos{1, 1}},
	{"00", Int, "0", Pos{1, 1}},
	{"0_0", Int, "0", Pos{1, 1}},
	{"42", Int, "42", Pos{1, 1}},
	{"1_000_000", Int, "1000000", Pos{1, 1}},
	{"0x_fF", Int, "255", Pos{1, 1}},
	{"0XDEAD_beef", Int, "3735928559", Pos{1, 1}},
	{"0o17", Int, "15", Pos{1, 1}},
	{"0O7_7", Int, "63", Pos{1, 1}},
	{"0b1_01", Int, "5", Pos{1, 1}},
	{"0B0", Int, "0", Pos{1, 1}},
	{"123456789012345678901234567890", Int, "123456789012345678901234567890", Pos{1, 1}},
	{"-7", Int, "-7", Pos{1, 1}},
	{"+7", Int, "7", Pos{1, 1}},
	{"- 7", Int, "-7", Pos{1, 1}},
	{"-(7)", Int, "-7", Pos{1, 1}},
	{"-0", Int, "0", Pos{1, 1}},
	{"0" + strings.Repeat("0", 5000), Int, "0", Pos{1, 1}},
	{strings.Repeat("9", 4300), Int, strings.Repeat("9", 4300), Pos{1, 1}},

	// Floats, printed like Python's repr.
	{"1.", Float, "1.0", Pos{1, 1}},
	{".5", Float, "0.5", Pos{1, 1}},
	{"1e5", Float, "100000.0", Pos{1, 1}},
	{"1.5E-3", Float, "0.0015", Pos{1, 1}},
	{"1_0.0_1", Float, "10.01", Pos{1, 1}},
	{"1.e1", Float, "10.0", Pos{1, 1}},
	{"09.5", Float, "9.5", Pos{1, 1}},
	{"0e0", Float, "0.0", Pos{1, 1}},
	{"1e400", Float, "inf", Pos{1, 1}},
	{"-1e400", Float, "-inf", Pos{1, 1}},
	{"1e-400", Float, "0.0", Pos{1, 1}},
	{"-0.0", Float, "-0.0", Pos{1, 1}},
	{"-1.5", Float, "-1.5", Pos{1, 1}},
	{"1" + strings.Repeat("0", 5000) + ".0", Float, "inf", Pos{1, 1}},

	// Complex numbers.
	{"1j", Complex, "1j", Pos{1, 1}},
	{"1.5J", Complex, "1.5j", Pos{1, 1}},
	{"0j", Complex, "0j", Pos{1, 1}},
	{"00j", Complex, "0j", Pos{1, 1}},
	{"01j", Complex, "1j", Pos{1, 1}},
	{"1.j", Complex, "1j", Pos{1, 1}},
	{"1_2j", Complex, "12j", Pos{1, 1}},
	{"1e5j", Complex, "100000j", Pos{1, 1}},
	{"-1j", Complex, "(-0-1j)", Pos{1, 1}},
	{"-0j", Complex, "(-0-0j)", Pos{1, 1}},
	{"1 + 2j", Complex, "(1+2j)", Pos{1, 1}},
	{"1 - 2j", Complex, "(1-2j)", Pos{1, 1}},
	{"-1 - 2.5j", Complex, "(-1-2.5j)", Pos{1, 1}},
	{"1.5+0j", Complex, "(1.5+0j)", Pos{1, 1}},
	{"1-0j", Complex, "(1+0j)", Pos{1, 1}},
	{"-0.0-0j", Complex, "(-0+0j)", Pos{1, 1}},
	{"-0.0+0j", Complex, "0j", Pos{1, 1}},
	{"(1)+2j", Complex, "(1+2j)", Pos{1, 1}},
	{"(-1)-(2j)", Complex, "(-1-2j)", Pos{1, 1}},
	{"  (1),2", Tuple, "(1, 2)", Pos{1, 3}},
	{"1-1e400j", Complex, "(1-infj)", Pos{1, 1}},
	{"-1e400+1e400j", Complex, "(-inf+infj)", Pos{1, 1}},
	{"0.1+0.2j", Complex, "(0.1+0.2j)", Pos{1, 1}},
	{"1e16+1.5e-7j", Complex, "(1e+16+1.5e-07j)", Pos{1, 1}},
	{"1 \\\n + 2j", Complex, "(1+2j)", Pos{1, 1}},

	// Strings: quotes, prefixes, escapes.
	{`'abc'`, Str, "abc", Pos{1, 1}},
	{`"abc"`, Str, "abc", Pos{1, 1}},
	{`''`, Str, "", Pos{1, 1}},
	{`'''a'b"c'''`, Str, `a'b"c`, Pos{1, 1}},
	{"\"\"\"line1\nline2\n\"\"\"", Str, "line1\nline2\n", Pos{1, 1}},
	{`'''a'''' '`, Str, "a ", Pos{1, 1}},
	{`u'x'`, Str, "x", Pos{1, 1}},
	{`U"x"`, Str, "x", Pos{1, 1}},
	{`r'\d\n'`, Str, `\d\n`, Pos{1, 1}},
	{`R'\''`, Str, `\'`, Pos{1, 1}},
	{"r'a\\\nb'", Str, "a\\\nb", Pos{1, 1}},
	{`'\\ \' \" \a \b \f \n \r \t \v'`, Str, "\\ ' \" \a \b \f \n \r \t \v", Pos{1, 1}},
	{`'\0\12\101\777\1234'`, Str, "\x00\nAǿS4", Pos{1, 1}},
	{`'\x41\xe9'`, Str, "Aé", Pos{1, 1}},
	{`'\u00e9\U0001F600'`, Str, "é😀", Pos{1, 1}},
	{`'\ud800'`, Str, "\uFFFD", Pos{1, 1}},
	{`'\d\8\Q'`, Str, `\d\8\Q`, Pos{1, 1}},
	{"'a\\\nb'", Str, "ab", Pos{1, 1}},
	{`'é😀'`, Str, "é😀", Pos{1, 1}},
	{`'a' "b" '''c'''`, Str, "abc", Pos{1, 1}},
	{"('a'\n 'b')", Str, "ab", Pos{1, 2}},
	{"'a' \\\n 'b'", Str, "ab", Pos{1, 1}},
	{`b'x'`, Bytes, "b'x'", Pos{1, 1}},
	{`B"x" b'y'`, Bytes, "b'xy'", Pos{1, 1}},
	{`br'\x'`, Bytes, `b'\\x'`, Pos{1, 1}},
	{`Rb'\''`, Bytes, `b"\\'"`, Pos{1, 1}},
	{`bR"\\"`, Bytes, `b'\\\\'`, Pos{1, 1}},
	{`b'\x00\x7f\x80\xff\t\n\r'`, Bytes, `b'\x00\x7f\x80\xff\t\n\r'`, Pos{1, 1}},
	{`b'\777\400'`, Bytes, `b'\xff\x00'`, Pos{1, 1}},
	{`b'\u1234\N{DASH}'`, Bytes, `b'\\u1234\\N{DASH}'`, Pos{1, 1}},
	{`b'\'"'`, Bytes, `b'\'"'`, Pos{1, 1}},
	{`b"'"`, Bytes, `b"'"`, Pos{1, 1}},

	// Containers.
	{"[]", List, "[]", Pos{1, 1}},
	{"['a', 1]", List, "['a', 1]", Pos{1, 1}},
	{"[1, 2,]", List, "[1, 2]", Pos{1, 1}},
	{"()", Tuple, "()", Pos{1, 1}},
	{"( )", Tuple, "()", Pos{1, 1}},
	{"('a',)", Tuple, "('a',)", Pos{1, 1}},
	{"(1, 2)", Tuple, "(1, 2)", Pos{1, 1}},
	{"((1,))", Tuple, "(1,)", Pos{1, 2}},
	{"((1))", Int, "1", Pos{1, 3}},
	{"1, 2", Tuple, "(1, 2)", Pos{1, 1}},
	{"1,", Tuple, "(1,)", Pos{1, 1}},
	{"{}", Dict, "{}", Pos{1, 1}},
	{"{'k': 'v'}", Dict, "{'k': 'v'}", Pos{1, 1}},
	{"{'a': 1, 'b': 2, 'a': 3}", Dict, "{'a': 3, 'b': 2}", Pos{1, 1}},
	{"{1: 2, True: 3}", Dict, "{1: 3}", Pos{1, 1}},
	{"{0: 'a', 0.0: 'b', False: 'c', 0j: 'd', -0.0: 'e'}", Dict, "{0: 'e'}", Pos{1, 1}},
	{"{(1.0, 'a'): 1, (1, 'a'): 2}", Dict, "{(1.0, 'a'): 2}", Pos{1, 1}},
	{"{1: 2, 1+0j: 3}", Dict, "{1: 3}", Pos{1, 1}},
	{"{1e400: 1, 1e400: 2}", Dict, "{inf: 2}", Pos{1, 1}},
	{"{'a': 1, b'a': 2}", Dict, "{'a': 1, b'a': 2}", Pos{1, 1}},
	{"{(): 1, None: 2, 1.5: 3, 2j: 4}", Dict, "{(): 1, None: 2, 1.5: 3, 2j: 4}", Pos{1, 1}},
	{"{1,}", Set, "{1}", Pos{1, 1}},
	{"{1, 1.0, True}", Set, "{1}", Pos{1, 1}},
	{"{'a', 'b', 'a'}", Set, "{'a', 'b'}", Pos{1, 1}},
	{"set()", Set, "set()", Pos{1, 1}},
	{"set ( )", Set, "set()", Pos{1, 1}},
	{"set(\n)", Set, "set()", Pos{1, 1}},
	{"(set)()", Set, "set()", Pos{1, 2}},
	{"{'a': set()}", Dict, "{'a': set()}", Pos{1, 1}},
	{"{'a': {'b': [1, (2,), {3}]}}", Dict, "{'a': {'b': [1, (2,), {3}]}}", Pos{1, 1}},
	{"('a', b'b', 1, 2.5, None, True, (), [], {}, set())", Tuple, "('a', b'b', 1, 2.5, None, True, (), [], {}, set())", Pos{1, 1}},
	{"[\n  1,\n\t2,   # two\n        3\n]", List, "[1, 2, 3]", Pos{1, 1}},
	{"[1, \\\n 2]", List, "[1, 2]", Pos{1, 1}},
	{strings.Repeat("[", maxDepth) + strings.Repeat("]", maxDepth), List, strings.Repeat("[", maxDepth) + strings.Repeat("]", maxDepth), Pos{1, 1}},
	{strings.Repeat("(", maxDepth) + "1" + strings.Repeat(")", maxDepth), Int, "1", Pos{1, maxDepth + 1}},

	// str() of a container uses repr() of its elements.
	{`['it\'s', "a\"b", 'both\'"', '\\', '\t\n\r\x00\x7f', '\x80\xa0\xff', '\u0100\u200b\u2028\uffff\U0001F600']`, List,
		`["it's", 'a"b', 'both\'"', '\\', '\t\n\r\x00\x7f', '\x80\xa0ÿ', 'Ā\u200b\u2028\uffff😀']`, Pos{1, 1}},
	{"[1.0, 0.1, 1e16, 1.5e-7, 123456789.0, 1e22, -0.0, 1e-4, 1e-5, 12345678901234567.0]", List,
		"[1.0, 0.1, 1e+16, 1.5e-07, 123456789.0, 1e+22, -0.0, 0.0001, 1e-05, 1.2345678901234568e+16]", Pos{1, 1}},

	// Layout around the expression.
	{"\ufeff{'a': 1}", Dict, "{'a': 1}", Pos{1, 1}},
	{"  \t1", Int, "1", Pos{1, 4}},
	{"\n\n1", Int, "1", Pos{3, 1}},
	{"  \n1", Int, "1", Pos{2, 1}},
	{"\f1", Int, "1", Pos{1, 2}},
	{"# c\n  # d\n1 # e\n\n  # f\n", Int, "1", Pos{3, 1}},
	{"1\n  \n", Int, "1", Pos{1, 1}},
	{"1\r\n", Int, "1", Pos{1, 1}},
	{"'''a\r\nb'''\r\n", Str, "a\nb", Pos{1, 1}},
	{"[1,\r2]\r", List, "[1, 2]", Pos{1, 1}},
	{"\\\n1", Int, "1", Pos{2, 1}},
	{"  \\\n\\\n1", Int, "1", Pos{3, 1}},
	{"[1,\n  \\\n  2]", List, "[1, 2]", Pos{1, 1}},
	{"1\\\n\\\n+2j", Complex, "(1+2j)", Pos{1, 1}},
	{"1#c", Int, "1", Pos{1, 1}},
}

func TestAccept(t *testing.T) {
	for _, tc := range acceptCases {
		n, err := Parse([]byte(tc.src))
		if err != nil {
			t.Errorf("Parse(%q): %v", clip(tc.src), err)
			continue
		}
		if n.Kind != tc.kind {
			t.Errorf("Parse(%q).Kind = %v, want %v", clip(tc.src), n.Kind, tc.kind)
		}
		if got := n.PyStr(); got != tc.str {
			t.Errorf("Parse(%q).PyStr() = %q, want %q", clip(tc.src), clip(got), clip(tc.str))
		}
		if n.Pos != tc.pos {
			t.Errorf("Parse(%q).Pos = %v, want %v", clip(tc.src), n.Pos, tc.pos)
		}
	}
}

// rejectCases are inputs ast.literal_eval rejects, with the position and
// part of the message we report.
var rejectCases = []struct {
	src       string
	line, col int
	msg       string
}{
	// Empty input.
	{"", 1, 1, "empty input"},
	{"   ", 1, 4, "empty input"},
	{"# only a comment\n\n", 3, 1, "empty input"},

	// Names, calls and other expressions.
	{"foo", 1, 1, `name "foo" is not a literal`},
	{"{\n  'a': 1,\n  'b': [1, foo],\n}", 3, 12, `name "foo" is not a literal`},
	{"set", 1, 1, `name "set" is not a literal`},
	{"Ellipsis", 1, 1, `name "Ellipsis" is not a literal`},
	{"true", 1, 1, `name "true" is not a literal`},
	{"x + 1j", 1, 1, `name "x" is not a literal`},
	{"-x", 1, 2, `name "x" is not a literal`},
	{"foo(1)", 1, 1, `call of "foo" is not a literal`},
	{"_('Sale')", 1, 1, `call of "_" is not a literal`},
	{"set([1])", 1, 4, "set() with arguments"},
	{"set()()", 1, 6, "call is not a literal"},
	{"True()", 1, 5, "call is not a literal"},
	{"'a'.upper()", 1, 4, "attribute access is not a literal"},
	{"1 .real", 1, 3, "attribute access is not a literal"},
	{"os.path", 1, 1, `name "os" is not a literal`},
	{"[1][0]", 1, 4, "subscript is not a literal"},
	{"{'a': 1}['a']", 1, 9, "subscript is not a literal"},
	{"1 * 2", 1, 3, "operator * is not allowed"},
	{"2 ** 3", 1, 3, "operator ** is not allowed"},
	{"[1 < 2]", 1, 4, "operator < is not allowed"},
	{"1 and 2", 1, 3, "operator and is not allowed"},
	{"not 1", 1, 1, "operator not is not allowed"},
	{"~1", 1, 1, "operator ~ is not allowed"},
	{"1 if 2 else 3", 1, 3, "conditional expression"},
	{"[1 for x in y]", 1, 4, "comprehension"},
	{"lambda: 1", 1, 1, "lambda is not a literal"},
	{"(yield)", 1, 2, "yield is not a literal"},
	{"[*a]", 1, 2, "starred expression"},
	{"{**a}", 1, 2, "dict unpacking"},
	{"{'a': 1, **b}", 1, 10, "dict unpacking"},
	{"(x := 1)", 1, 2, `name "x" is not a literal`},
	{"x = {}", 1, 1, `name "x" is not a literal`},
	{"{} = 1", 1, 4, "assignment is not a literal"},
	{"...", 1, 1, "Ellipsis"},
	{"[1, ...]", 1, 5, "Ellipsis"},
	{"if", 1, 1, `unexpected keyword "if"`},

	// Signs and complex numbers: literal_eval allows one sign on a number
	// and real ± imaginary only.
	{"--1", 1, 2, "repeated unary operator --"},
	{"-+1", 1, 2, "repeated unary operator -+"},
	{"-(-1)", 1, 1, "unary - is only allowed directly before a number, not a signed number"},
	{"-(1+2j)", 1, 1, "not a complex sum"},
	{"-True", 1, 1, "not bool"},
	{"-'a'", 1, 1, "not str"},
	{"+[1]", 1, 1, "not list"},
	{"1 + 2", 1, 3, "operator + is only allowed between a real number and an imaginary number"},
	{"1j + 2j", 1, 4, "operator +"},
	{"1 + -2j", 1, 3, "operator +"},
	{"1+2j+3j", 1, 5, "operator +"},
	{"True + 1j", 1, 6, "operator +"},
	{"'a' + 'b'", 1, 5, "operator +"},
	{"(1, 2) + 1j", 1, 8, "operator +"},
	{"1" + strings.Repeat("0", 400) + " + 1j", 1, 1, "int too large to convert to float"},
	{"1\n+2j", 2, 1, "unexpected '+' after the expression"},

	// Numbers.
	{"01", 1, 1, "leading zeros in decimal integer literals"},
	{"0_7", 1, 1, "leading zeros"},
	{"1__0", 1, 1, "invalid decimal literal"},
	{"1_", 1, 1, "invalid decimal literal"},
	{"0_", 1, 1, "invalid decimal literal"},
	{"1e", 1, 1, "invalid decimal literal"},
	{"1e+", 1, 1, "invalid decimal literal"},
	{"1e_5", 1, 1, "invalid decimal literal"},
	{"1._5", 1, 1, "invalid decimal literal"},
	{"1a", 1, 1, "invalid decimal literal"},
	{"1jx", 1, 1, "invalid imaginary literal"},
	{"0x", 1, 1, "invalid hexadecimal literal"},
	{"0xg", 1, 1, "invalid hexadecimal literal"},
	{"0x1_", 1, 1, "invalid hexadecimal literal"},
	{"0x1j", 1, 1, "invalid hexadecimal literal"},
	{"0b", 1, 1, "invalid binary literal"},
	{"0b12", 1, 1, "invalid digit '2' in binary literal"},
	{"0o8", 1, 1, "invalid digit '8' in octal literal"},
	{"1.2.3", 1, 4, "unexpected number .3 after the expression"},
	{strings.Repeat("1", 4301), 1, 1, "exceeds the limit (4300 digits)"},
	{strings.Repeat("1_", 4300) + "1", 1, 1, "value has 4301 digits"},

	// Strings.
	{"'abc", 1, 1, "unterminated string literal (detected at line 1)"},
	{"'abc\n'", 1, 1, "unterminated string literal"},
	{"[\n'''abc\n\n", 2, 1, "unterminated triple-quoted string literal (detected at line 4)"},
	{`'\'`, 1, 1, "unterminated string literal"},
	{`r'\'`, 1, 1, "unterminated string literal"},
	{`'ab\x4'`, 1, 4, `truncated \xXX escape`},
	{`'\x'`, 1, 2, `truncated \xXX escape`},
	{"'''\n  \\u12'''", 2, 3, `truncated \uXXXX escape`},
	{`'\U0000004'`, 1, 2, `truncated \UXXXXXXXX escape`},
	{`'\U00110000'`, 1, 2, "illegal Unicode character"},
	{`'\N{EM DASH}'`, 1, 2, `\N{EM DASH} escapes are not supported`},
	{`'\N'`, 1, 2, `malformed \N character escape`},
	{`'\N{'`, 1, 2, `malformed \N character escape`},
	{`'\N{}'`, 1, 2, `malformed \N character escape`},
	{`b'é'`, 1, 1, "bytes can only contain ASCII literal characters"},
	{`'a' b'b'`, 1, 5, "cannot mix bytes and nonbytes literals"},
	{`b'a' 'b'`, 1, 6, "cannot mix bytes and nonbytes literals"},
	{`f'x'`, 1, 1, "f-strings are not literals"},
	{`['a', F"{x}"]`, 1, 7, "f-strings are not literals"},
	{`'a' rf'b'`, 1, 5, "f-strings are not literals"},
	{`ur'x'`, 1, 1, `name "ur" is not a literal`},
	{"'a'\n'b'", 2, 1, "unexpected string literal after the expression"},

	// Containers.
	{"[1 2]", 1, 4, "expected ',' or ']', got number 2 (missing comma?)"},
	{"{'a': 1 'b': 2}", 1, 9, "expected ',' or '}', got string literal (missing comma?)"},
	{"{'a': 1, 2}", 1, 11, "expected ':' after dict key, got '}'"},
	{"{1, 2: 3}", 1, 6, "expected ',' or '}', got ':'"},
	{"(1 2)", 1, 4, "expected ',' or ')'"},
	{"[,]", 1, 2, "unexpected ','"},
	{"[1,,]", 1, 4, "unexpected ','"},
	{"(,)", 1, 2, "unexpected ','"},
	{"{,}", 1, 2, "unexpected ','"},
	{"[1)", 1, 3, `closing ")" does not match opening "["`},
	{"1)", 1, 2, "unexpected ')' after the expression"},
	{")", 1, 1, `unmatched ")"`},
	{"[1,\n 2", 1, 1, `"[" was never closed`},
	{"{'a':", 1, 1, `"{" was never closed`},
	{"(1,", 1, 1, `"(" was never closed`},
	{"set(", 1, 4, `"(" was never closed`},
	{"{[1]: 2}", 1, 2, "unhashable type: 'list'"},
	{"{(1, [2]): 3}", 1, 6, "unhashable type: 'list'"},
	{"{set(): 1}", 1, 2, "unhashable type: 'set'"},
	{"{{}, 1}", 1, 2, "unhashable type: 'dict'"},
	{"{1, {2}}", 1, 5, "unhashable type: 'set'"},
	{strings.Repeat("[", maxDepth+1) + strings.Repeat("]", maxDepth+1), 1, maxDepth + 1, "too deeply nested"},
	{strings.Repeat("{'a':", 100) + strings.Repeat("(", 101), 1, 601, "too deeply nested"},
	{strings.Repeat("(", 1000000), 1, maxDepth + 1, "too deeply nested"},

	// Layout.
	{"1 2", 1, 3, "unexpected number 2 after the expression"},
	{"{}\n{}", 2, 1, "unexpected '{' after the expression"},
	{"{} x", 1, 4, `unexpected name "x" after the expression`},
	{"\n  1", 2, 3, "unexpected indent"},
	{"# c\n  {}", 2, 3, "unexpected indent"},
	{"\f  1", 1, 4, "unexpected indent"},
	{"1\n  2", 2, 3, "unexpected indent"},
	{"1\n  ", 2, 3, "unexpected indent"},
	{"1\n\t", 2, 2, "unexpected indent"},
	{"\\\n  1", 2, 3, "unexpected indent"},
	{"# c\n  \\\n1", 3, 1, "unexpected indent"},
	{"1 \\", 1, 3, "unexpected character after line continuation character"},
	{"1 \\ \n", 1, 3, "unexpected character after line continuation character"},
	{"1 \\\n", 2, 1, "unexpected end of input after line continuation"},
	{"1;", 1, 2, "unexpected ';' after the expression"},
	{"1 $", 1, 3, `invalid character '$' (U+0024)`},
	{"[1, €]", 1, 5, `invalid character '€' (U+20AC)`},
	{"[1,\u00a02]", 1, 4, "invalid non-printable character U+00A0"},
	{"\ufeff\ufeff1", 1, 1, "invalid non-printable character U+FEFF"},
	{"[1,\x00]", 1, 4, "null bytes"},
	{"{'a': '\xff'}", 1, 8, "invalid UTF-8"},
	{"{\n'a':\n'\xe9'}", 3, 2, "invalid UTF-8"},
}

func TestReject(t *testing.T) {
	for _, tc := range rejectCases {
		n, err := Parse([]byte(tc.src))
		if err == nil {
			t.Errorf("Parse(%q) = %s, want error", clip(tc.src), n.PyStr())
			continue
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("Parse(%q): error %T is not *Error", clip(tc.src), err)
			continue
		}
		if e.Pos.Line != tc.line || e.Pos.Col != tc.col || !strings.Contains(e.Msg, tc.msg) {
			t.Errorf("Parse(%q) error = %q, want line %d, column %d: ...%s...", clip(tc.src), err, tc.line, tc.col, tc.msg)
		}
	}
}

func TestErrorString(t *testing.T) {
	_, err := Parse([]byte("{\n  'depends': [base],\n}"))
	want := `line 2, column 15: name "base" is not a literal`
	if err == nil || err.Error() != want {
		t.Fatalf("error = %v, want %q", err, want)
	}
}

func TestPositions(t *testing.T) {
	src := "# header\n{\n  'a': 1,\n\t\"b\": [-2, (3,)],\n  'c' 'd': {'e': None},  'f':\n    1+2j,\n}\n"
	n, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if n.Kind != Dict || n.Pos != (Pos{2, 1}) {
		t.Fatalf("root = %v at %v", n.Kind, n.Pos)
	}
	wantKeys := []struct {
		str string
		pos Pos
	}{{"a", Pos{3, 3}}, {"b", Pos{4, 2}}, {"cd", Pos{5, 3}}, {"f", Pos{5, 26}}}
	if len(n.Keys) != len(wantKeys) || len(n.Items) != len(wantKeys) {
		t.Fatalf("got %d keys, %d values", len(n.Keys), len(n.Items))
	}
	for i, w := range wantKeys {
		if k := n.Keys[i]; k.Kind != Str || k.Str != w.str || k.Pos != w.pos {
			t.Errorf("key %d = %v %q at %v, want %q at %v", i, k.Kind, k.Str, k.Pos, w.str, w.pos)
		}
	}
	b := n.Lookup("b")
	if b.Pos != (Pos{4, 7}) || b.Items[0].Pos != (Pos{4, 8}) || b.Items[1].Pos != (Pos{4, 12}) || b.Items[1].Items[0].Pos != (Pos{4, 13}) {
		t.Errorf("positions in 'b': %v %v %v %v", b.Pos, b.Items[0].Pos, b.Items[1].Pos, b.Items[1].Items[0].Pos)
	}
	if e := n.Lookup("cd").Lookup("e"); e == nil || e.Kind != None || e.Pos != (Pos{5, 18}) {
		t.Errorf("cd.e = %+v", e)
	}
	if f := n.Lookup("f"); f.Kind != Complex || f.Float != 1 || f.Imag != 2 || f.Pos != (Pos{6, 5}) {
		t.Errorf("f = %+v", f)
	}

	// A BOM is not counted in columns.
	n, err = Parse([]byte("\ufeff['x']"))
	if err != nil || n.Items[0].Pos != (Pos{1, 2}) {
		t.Errorf("after BOM: %v, %v", n, err)
	}
}

func TestValues(t *testing.T) {
	n, err := Parse([]byte(`[7, -0x10, 2.5, 3j, -1.5+2j, True, None, 'é', b'\xff']`))
	if err != nil {
		t.Fatal(err)
	}
	it := n.Items
	if it[0].Int.Cmp(big.NewInt(7)) != 0 || it[1].Int.Cmp(big.NewInt(-16)) != 0 {
		t.Errorf("ints: %v %v", it[0].Int, it[1].Int)
	}
	if it[2].Float != 2.5 || it[3].Float != 0 || it[3].Imag != 3 || it[4].Float != -1.5 || it[4].Imag != 2 {
		t.Errorf("floats: %+v %+v %+v", it[2], it[3], it[4])
	}
	if !it[5].Bool || it[6].Kind != None || it[7].Str != "é" || it[8].Kind != Bytes || it[8].Str != "\xff" {
		t.Errorf("others: %+v %+v %+v %+v", it[5], it[6], it[7], it[8])
	}
	n, _ = Parse([]byte("-0.0"))
	if !math.Signbit(n.Float) {
		t.Errorf("-0.0 lost its sign")
	}
}

func TestLookup(t *testing.T) {
	n, err := Parse([]byte("{'a': 1, 1: 'x', b'a': 2, 'a': 3}"))
	if err != nil {
		t.Fatal(err)
	}
	if v := n.Lookup("a"); v == nil || v.PyStr() != "3" {
		t.Errorf("Lookup(a) = %v, want the last value 3", v)
	}
	if n.Lookup("1") != nil || n.Lookup("b") != nil {
		t.Error("Lookup matched a non-str key or a missing key")
	}
	var nilNode *Node
	if nilNode.Lookup("a") != nil || n.Lookup("a").Lookup("a") != nil {
		t.Error("Lookup on nil or a non-dict should be nil")
	}
}

func TestTruthy(t *testing.T) {
	for src, want := range map[string]bool{
		"None": false, "False": false, "True": true, "0": false, "-0": false, "7": true,
		"0.0": false, "-0.0": false, "0.5": true, "0j": false, "-0j": false, "0+1j": true, "1+0j": true,
		"''": false, "'a'": true, "b''": false, "b'a'": true,
		"[]": false, "[0]": true, "()": false, "(0,)": true, "{}": false, "{0: 0}": true, "set()": false, "{0}": true,
	} {
		n, err := Parse([]byte(src))
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if got := n.Truthy(); got != want {
			t.Errorf("Truthy(%s) = %v, want %v", src, got, want)
		}
	}
	var nilNode *Node
	if nilNode.Truthy() || nilNode.PyStr() != "" {
		t.Error("nil node should be falsy and print as empty")
	}
}

func TestKindString(t *testing.T) {
	want := []string{"NoneType", "bool", "int", "float", "complex", "str", "bytes", "list", "tuple", "set", "dict"}
	for k, w := range want {
		if got := Kind(k).String(); got != w {
			t.Errorf("Kind(%d) = %q, want %q", k, got, w)
		}
	}
	if got := Kind(99).String(); got != "Kind(99)" {
		t.Errorf("Kind(99) = %q", got)
	}
}

// TestFloatRepr checks PyStr of floats against values printed by CPython.
func TestFloatRepr(t *testing.T) {
	for _, tc := range []struct {
		f    float64
		want string
	}{
		{1.0, "1.0"}, {0.1, "0.1"}, {1.1, "1.1"}, {1e16, "1e+16"}, {1e15, "1000000000000000.0"},
		{1.5e-7, "1.5e-07"}, {123456789.0, "123456789.0"}, {1e22, "1e+22"}, {1e-5, "1e-05"},
		{1e-4, "0.0001"}, {0.5e-4, "5e-05"}, {math.Copysign(0, -1), "-0.0"}, {0, "0.0"},
		{math.Inf(1), "inf"}, {math.Inf(-1), "-inf"}, {math.NaN(), "nan"}, {-2.5, "-2.5"},
		{1.7976931348623157e308, "1.7976931348623157e+308"}, {5e-324, "5e-324"},
		{12345678901234567.0, "1.2345678901234568e+16"}, {9999999999999998.0, "9999999999999998.0"},
		{0.3, "0.3"}, {2.0 / 3, "0.6666666666666666"}, {100.0, "100.0"}, {1e100, "1e+100"},
	} {
		if got := (&Node{Kind: Float, Float: tc.f}).PyStr(); got != tc.want {
			t.Errorf("PyStr(%v) = %q, want %q", tc.f, got, tc.want)
		}
	}
	for _, tc := range []struct {
		re, im float64
		want   string
	}{
		{0, 1, "1j"}, {math.Copysign(0, -1), 1, "(-0+1j)"}, {1, 0, "(1+0j)"}, {1, math.Copysign(0, -1), "(1-0j)"},
		{1.5, -2.5, "(1.5-2.5j)"}, {0, math.Inf(1), "infj"}, {1, math.NaN(), "(1+nanj)"}, {math.NaN(), 1, "(nan+1j)"},
		{1e16, 1e-5, "(1e+16+1e-05j)"},
	} {
		if got := (&Node{Kind: Complex, Float: tc.re, Imag: tc.im}).PyStr(); got != tc.want {
			t.Errorf("PyStr(complex(%v, %v)) = %q, want %q", tc.re, tc.im, got, tc.want)
		}
	}
}

func TestParseDoesNotRetainInput(t *testing.T) {
	src := []byte("{'a': ['b', 1]}")
	n, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	for i := range src {
		src[i] = ' '
	}
	if got := n.PyStr(); got != "{'a': ['b', 1]}" {
		t.Errorf("after overwriting the input: %s", got)
	}
}

func TestExportedFloatRepr(t *testing.T) {
	for f, want := range map[float64]string{1: "1.0", 1e16: "1e+16", 1e15: "1000000000000000.0", 0.30000000000000004: "0.30000000000000004", 1e-7: "1e-07", -1.5: "-1.5", 12345678901234567890.0: "1.2345678901234567e+19"} {
		if got := FloatRepr(f); got != want {
			t.Errorf("FloatRepr(%v) = %q, want %q", f, got, want)
		}
	}
}

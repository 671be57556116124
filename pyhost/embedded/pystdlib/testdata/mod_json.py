# json: dumps formatting (floats, escapes, indent, separators, key
# conversion), loads (types, errors with CPython's messages), hooks,
# dump/load with file-like objects and JSONEncoder/JSONDecoder classes.
# Dicts printed go through dumps(sort_keys=True) because gpython's dict
# has no order.
import json
from collections import OrderedDict


def err(label, fn):
    try:
        fn()
        print(label, "no error")
    except json.JSONDecodeError as e:
        print(label, "JSONDecodeError:", str(e))
    except TypeError as e:
        print(label, "TypeError:", str(e))
    except ValueError as e:
        print(label, "ValueError:", str(e))


print(json.dumps([1, 1.0, 1.5, 0.1, 1e16, 1e15, 1e-5, 0.0001, 123456789.123, -0.0, 1e300, 2.5e-300]))
print(json.dumps([float("nan"), float("inf"), -float("inf")]))
print(json.dumps([2 ** 70, -2 ** 63, True, False, None]))
print(json.dumps("é\u2028\U0001F600\x7f\x00\x1f\"\\/\b\f\n\r\t"))
print(json.dumps("é\u2028\U0001F600\x7f\x00", ensure_ascii=False))
print(json.dumps({"a": [1, {}], "b": 1, "c": []}, indent=2))
print(json.dumps({"a": [1, {"x": None}], "b": 1}, indent="\t", separators=(",", ":")))
print(json.dumps([1, [2, []]], indent=0))
print(json.dumps({"a": [1, 2]}, indent=2, separators=(", ", ": ")))
print(json.dumps({"a": 1, "b": 2}, separators=(",", ":")))
print(json.dumps({"z": 1, "a": {"y": 2, "b": 3}}, sort_keys=True))
print(json.dumps(OrderedDict([(1, "one"), (2.5, "x"), (True, "t"), (None, "n"), ("s", "s")])))
print(json.dumps(OrderedDict([("z", 1), ("a", 2)])))
print(json.dumps(OrderedDict([("z", 1), ("a", 2)]), sort_keys=True))
print(json.dumps((1, 2)), json.dumps([]), json.dumps({}), json.dumps(""))
print(json.dumps({"k": [1, 2]}, indent=None))
print(json.dumps(OrderedDict([((1, 2), 1), ("a", 2)]), skipkeys=True))
print(json.dumps([1, object()], default=lambda o: "obj"))
err("tuple key", lambda: json.dumps(OrderedDict([((1, 2), 1)])))
err("set value", lambda: json.dumps(set()))
err("nan strict", lambda: json.dumps(float("nan"), allow_nan=False))
circular = []
circular.append(circular)
err("circular", lambda: json.dumps(circular))
err("sort mixed keys", lambda: json.dumps(OrderedDict([(1, 1), ("a", 2)]), sort_keys=True))
err("unknown kwarg", lambda: json.dumps(1, bogus=1))


def dump_sorted(label, value):
    print(label, json.dumps(value, sort_keys=True))


dump_sorted("loads object", json.loads('{"a": [1, 2.5, "x", null, true, false], "b": {"c": -1e3}}'))
dump_sorted("loads unicode", json.loads('"\\u00e9\\ud83d\\ude00\\/\\n"'))
print("loads big int", json.loads("12345678901234567890123") + 1)
print("loads floats", json.dumps(json.loads("[1E2, -0, 0.5e-3, 1e400, -1e400, 1.7976931348623157e308]")))
print("loads constants", json.dumps(json.loads("[NaN, Infinity, -Infinity]")))
print("loads whitespace", json.loads(" \t\n[ 1 ,\r\n 2 ] \n"))
print("loads duplicate", json.loads('{"a": 1, "a": 2}')["a"])
print("loads bytes", json.loads(b'{"k": "v"}')["k"])
print("loads nested", json.loads("[[[[]]]]"))
print("loads pairs hook", json.loads('{"b": 1, "a": 2}', object_pairs_hook=lambda pairs: pairs))
print("loads object hook", json.loads('{"v": 2}', object_hook=lambda d: d["v"] * 10))
print("loads OrderedDict", json.loads('{"b": 1, "a": 2}', object_pairs_hook=OrderedDict))
print("loads parse_float", json.loads("[1.5, 2]", parse_float=lambda s: "F" + s))
print("loads parse_int", json.loads("[1.5, 2]", parse_int=lambda s: "I" + s))
print("loads parse_constant", json.loads("[NaN]", parse_constant=lambda s: "C" + s))
print("loads strict off", json.loads('"a\tb"', strict=False))

for doc in ["", "x", "{", '{"a" 1}', "[1,]", '{"a":1,}', '"ab', '"a\\x"', '"\\u12"', '"\\uzzzz"',
            "1 2", '"a\x01"', "[1", '{"a":1', "nul", "-", "01", "1.", "1e", "[", "[ ", '{"a"', '{"a":',
            "\ufeff1", " ", "-I", "tru", '"a\\', '[1,\n 2,\n x]', '{"a": [1, 2}', "\u00e9"]:
    err("loads " + repr(doc), lambda: json.loads(doc))
err("loads type", lambda: json.loads(5))


class Sink:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)


class Source:
    def read(self):
        return '{"from": "file"}'


sink = Sink()
json.dump({"x": [1, 2]}, sink, indent=1)
print("dump", "".join(sink.parts))
print("load", json.load(Source())["from"])


class Encoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, set):
            return sorted(o)
        return json.JSONEncoder.default(self, o)


print("cls", json.dumps({"s": {3, 1, 2}}, cls=Encoder))
print("encoder", Encoder(indent=1).encode([1]))
print("encoder separators", json.JSONEncoder(separators=(";", "=")).encode({"a": 1}))
err("cls default fallback", lambda: json.dumps(object(), cls=Encoder))
print("decoder", json.JSONDecoder().decode("[1, 2]"))
print("raw_decode", json.JSONDecoder().raw_decode('{"a": 1} tail'))
print("decoder hook", json.JSONDecoder(object_pairs_hook=lambda p: len(p)).decode('{"a": 1, "b": 2}'))
err("decoder error", lambda: json.JSONDecoder().decode("[1,"))
e = json.JSONDecodeError("boom", "ab\ncd", 4)
print("error str", str(e))
try:
    json.loads("[1 2]")
except ValueError as e:
    print("caught as ValueError:", str(e))
# Positions are characters, not bytes.
err("unicode position", lambda: json.loads('["é€", x]'))
err("unicode line", lambda: json.loads('{"é":\n  x}'))

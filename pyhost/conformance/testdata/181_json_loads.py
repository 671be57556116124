# json.loads to Python values.
import json
v = json.loads('{"a": [1, 2.5, "s", null, true, false], "b": {"c": "d"}}')
print(sorted(v))
print(v["a"])
print(v["b"]["c"], type(v["a"][0]).__name__, type(v["a"][1]).__name__)
print(json.loads("[]"), json.loads('"str"'), json.loads("12"), json.loads("null"))
print(json.loads('"\\u00e9\\n"') == "\u00e9\n")
print(json.loads("1e3"), json.loads("-0.5"))

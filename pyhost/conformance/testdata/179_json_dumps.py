# json.dumps with sort_keys and separators.
import json
print(json.dumps({"b": 1, "a": [1, 2.5, None, True]}, sort_keys=True))
print(json.dumps([1, "two", None, False]))
print(json.dumps("quote\"and\\slash"))
print(json.dumps({"k": "v"}, separators=(",", ":")))
print(json.dumps(3.0), json.dumps(10 ** 20), json.dumps(0.1))
print(json.dumps((1, 2)))
print(json.dumps({}), json.dumps([]), json.dumps(""))
print(json.dumps({"z": {"y": 1, "x": 2}}, sort_keys=True))

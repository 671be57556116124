# json.dumps with indent.
import json
data = {"name": "x", "vals": [1, 2], "sub": {"a": None}, "empty": []}
print(json.dumps(data, indent=2, sort_keys=True))
print(json.dumps([1, [2]], indent=1))
print(json.dumps({"a": 1}, indent=4))

# dumps then loads returns an equal value.
import json
orig = {"en_US": "Name", "fr_FR": "Nom", "n": [1, {"deep": [None]}]}
s = json.dumps(orig, sort_keys=True)
print(s)
back = json.loads(s)
print(back == orig)
print(json.dumps(back, sort_keys=True) == s)
print(json.loads(json.dumps("x\ty")) == "x\ty")

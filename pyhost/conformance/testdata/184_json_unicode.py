# ensure_ascii default and off.
import json
print(json.dumps("café"))
print(json.dumps("café", ensure_ascii=False))
print(json.dumps({"k": "€"}))
print(json.loads(json.dumps("日本")))

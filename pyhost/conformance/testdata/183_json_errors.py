# Errors raised by json.
import json
try:
    json.loads("{bad")
except json.JSONDecodeError as e:
    print("JSONDecodeError", e)
try:
    json.loads("")
except ValueError as e:
    print(type(e).__name__, e)
try:
    json.dumps({"a": object()})
except TypeError as e:
    print("TypeError", str(e).startswith("Object of type object is not JSON serializable"))
print(issubclass(json.JSONDecodeError, ValueError))

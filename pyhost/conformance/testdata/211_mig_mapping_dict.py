# Migration snippet: value mapping dicts with str keys.
STATE_MAP = {"draft": "new", "open": "in_progress", "done": "done", "cancel": "cancelled"}
rows = [(1, "draft"), (2, "open"), (3, "weird"), (4, "cancel")]
for rid, state in rows:
    new = STATE_MAP.get(state)
    if new is None:
        print("skip %s: unknown state %r" % (rid, state))
        continue
    print("id %d: %s -> %s" % (rid, state, new))
cases = " ".join("WHEN '%s' THEN '%s'" % kv for kv in sorted(STATE_MAP.items()))
print("UPDATE t SET state = CASE state %s ELSE state END" % cases)

"""A helper module next to the scripts; not a script itself."""


def chunks(ids, size=1000):
    for i in range(0, len(ids), size):
        yield ids[i:i + size]

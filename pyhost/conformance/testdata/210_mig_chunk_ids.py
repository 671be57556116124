# Migration snippet: processing ids in chunks.
def chunks(seq, size):
    for i in range(0, len(seq), size):
        yield seq[i:i + size]
ids = list(range(1, 12))
for n, chunk in enumerate(chunks(ids, 4), 1):
    print("chunk %d: %s" % (n, tuple(chunk)))
    print("  UPDATE res_partner SET x = 1 WHERE id IN %s" % (tuple(chunk),))
total = sum(len(c) for c in chunks(ids, 4))
print(f"{total} ids in {len(list(chunks(ids, 4)))} chunks")
print(list(chunks([], 3)))

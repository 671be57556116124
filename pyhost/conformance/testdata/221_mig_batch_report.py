# Migration snippet: summarising per-batch results.
results = {"updated": 120, "skipped": 7, "failed": 0}
width = max(len(k) for k in results)
for k in sorted(results):
    print(f"{k:<{width}} : {results[k]:>5}")
done = results["updated"] + results["skipped"]
print(f"{done / 127:.1%} processed")
print("status: %s" % ("OK" if not results["failed"] else "FAILED"))

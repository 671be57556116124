# Iterating dict items in sorted order.
prices = {"pear": 3, "apple": 5, "fig": 1}
for k, v in sorted(prices.items()):
    print(k, v)
for k in sorted(prices, key=lambda k: prices[k], reverse=True):
    print(k)
print(sum(prices.values()))

# sorted with key= and reverse=.
words = ["banana", "Apple", "cherry", "apple"]
print(sorted(words))
print(sorted(words, key=str.lower))
print(sorted(words, key=len))
print(sorted(words, key=len, reverse=True))
print(sorted(words, key=lambda w: (len(w), w)))
print(sorted([3, -1, 2], key=abs))
print(sorted("bca"))
print(sorted([]))
print(sorted(range(5), reverse=True))

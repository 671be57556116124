# sys.version_info comparison, common in compatibility shims.
import sys
print(sys.version_info >= (3, 0))
print(sys.version_info[0])

# Level constants and getLevelName.
import logging
print(logging.DEBUG, logging.INFO, logging.WARNING, logging.ERROR, logging.CRITICAL)
print(logging.getLevelName(20), logging.getLevelName(40))
print(logging.getLevelName("WARNING"))
print(logging.getLevelName(logging.CRITICAL))
print(logging.WARN == logging.WARNING, logging.NOTSET)

# logger.exception inside except, then carry on.
import logging
_logger = logging.getLogger("migration.exc")
try:
    1 / 0
except ZeroDivisionError:
    _logger.exception("failed to divide")
    print("handled")
_logger.warning("after %s", "exception")
print("end")

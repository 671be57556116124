# Logging calls run without printing to stdout.
import logging
_logger = logging.getLogger("migration")
_logger.debug("debug %s", 1)
_logger.info("Updated %s partners", 3)
_logger.warning("careful: %r", "x")
_logger.error("error %d", 5)
_logger.info("no args")
_logger.info("dict arg %(a)s", {"a": 1})
print("stdout only")
print("done")

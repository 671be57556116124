# setLevel, isEnabledFor, getEffectiveLevel.
import logging
log = logging.getLogger("lvl.test")
print(log.getEffectiveLevel())
log.setLevel(logging.DEBUG)
print(log.isEnabledFor(logging.DEBUG), log.level)
log.setLevel(logging.ERROR)
print(log.isEnabledFor(logging.WARNING), log.getEffectiveLevel())
child = logging.getLogger("lvl.test.child")
print(child.getEffectiveLevel())

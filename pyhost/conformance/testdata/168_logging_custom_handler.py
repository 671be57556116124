# A custom Handler receiving records.
import logging
class Collect(logging.Handler):
    def __init__(self):
        logging.Handler.__init__(self)
        self.seen = []
    def emit(self, record):
        self.seen.append((record.levelname, record.getMessage()))
log = logging.getLogger("collect")
log.propagate = False
log.setLevel(logging.INFO)
h = Collect()
log.addHandler(h)
log.info("value %s", 42)
log.debug("hidden")
log.warning("w %d%%", 5)
for item in h.seen:
    print(item)

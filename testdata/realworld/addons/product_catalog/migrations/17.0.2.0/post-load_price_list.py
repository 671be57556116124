"""Apply the 2024 price list shipped beside this script (prices.csv)."""
import logging
import os

_logger = logging.getLogger(__name__)

CSV_FILE = os.path.join(os.path.dirname(__file__), "prices.csv")


def read_prices(path):
    prices = {}
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            fields = [f.strip() for f in line.split(";")]
            if len(fields) < 2:
                raise ValueError("%s:%d: expected code;price, got %r" % (os.path.basename(path), lineno, line))
            prices[fields[0]] = float(fields[1].replace(",", "."))
    return prices


def migrate(cr, version):
    prices = read_prices(CSV_FILE)
    cr.execute(
        "SELECT default_code, id, list_price FROM product_template WHERE default_code IN %s ORDER BY default_code",
        (tuple(sorted(prices)),),
    )
    found = cr.fetchall()
    changed = 0
    for code, tmpl_id, old_price in found:
        new_price = prices[code]
        if old_price is not None and abs(old_price - new_price) < 0.005:
            continue
        cr.execute("UPDATE product_template SET list_price = %s WHERE id = %s", (new_price, tmpl_id))
        changed += cr.rowcount
        _logger.info("%s: %.2f -> %.2f", code, old_price or 0.0, new_price)
    missing = sorted(set(prices) - {row[0] for row in found})
    if missing:
        _logger.warning("price list codes without a product: %s", ", ".join(missing))
    print("price list: %d lines, %d prices changed, %d unknown codes" % (len(prices), changed, len(missing)))

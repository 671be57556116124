"""Barcodes must be digits only from 17.0.2.1 (the scanner module compares
them as strings). Normalise them; a barcode that then clashes with another
product's is dropped from the newer product."""
import logging
import re

import psycopg2

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    cr.execute("SELECT id, default_code, barcode FROM product_product WHERE barcode IS NOT NULL ORDER BY id")
    rows = cr.fetchall()
    cleaned = dropped = 0
    for product_id, code, barcode in rows:
        clean = re.sub(r"\D", "", barcode)
        if clean == barcode:
            continue
        try:
            with cr.savepoint():
                cr.execute("UPDATE product_product SET barcode = %s WHERE id = %s", (clean, product_id))
            cleaned += 1
        except psycopg2.IntegrityError as e:
            _logger.warning(
                "product %s (%s): barcode %r clashes once normalised (%s), removing it",
                product_id, code, barcode, type(e).__name__,
            )
            cr.execute("UPDATE product_product SET barcode = NULL WHERE id = %s", (product_id,))
            dropped += 1
    _logger.info("barcodes: %d checked, %d normalised, %d dropped", len(rows), cleaned, dropped)

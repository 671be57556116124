"""Store every partner phone in E.164 form in phone_sanitized."""
import logging
import re

_logger = logging.getLogger(__name__)

# trunk prefix handling per country code: (international prefix, drop leading 0)
DIALING = {
    "BE": ("+32", True),
    "FR": ("+33", True),
    "DE": ("+49", True),
    "US": ("+1", False),
}


def sanitize(phone, country_code):
    digits = re.sub(r"[^\d+]", "", phone or "")
    if not digits:
        return None
    if digits.startswith("00"):
        return "+" + digits[2:]
    if digits.startswith("+"):
        return digits
    prefix, drop_zero = DIALING.get(country_code or "", ("", False))
    if not prefix:
        return None
    if drop_zero and digits.startswith("0"):
        digits = digits[1:]
    return prefix + digits


def migrate(cr, version):
    cr.execute("""
        SELECT p.id, p.phone, c.code
          FROM res_partner p
     LEFT JOIN res_country c ON c.id = p.country_id
         WHERE p.phone IS NOT NULL
      ORDER BY p.id
    """)
    updated = skipped = 0
    for partner_id, phone, code in cr.fetchall():
        value = sanitize(phone, code)
        if value is None:
            skipped += 1
            _logger.warning("partner %d: cannot sanitize phone %r", partner_id, phone)
            continue
        cr.execute("UPDATE res_partner SET phone_sanitized = %s WHERE id = %s", (value, partner_id))
        updated += cr.rowcount
    _logger.info("sanitized %d phone numbers, skipped %d", updated, skipped)

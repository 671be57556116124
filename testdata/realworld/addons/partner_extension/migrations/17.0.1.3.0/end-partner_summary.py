"""Print a one-line summary of the partner data once every module is upgraded."""
import logging

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    cr.execute("""
        SELECT count(*) FILTER (WHERE active),
               count(*) FILTER (WHERE NOT active),
               count(*) FILTER (WHERE phone_sanitized IS NOT NULL),
               count(*) FILTER (WHERE customer_rank > 0)
          FROM res_partner
    """)
    active, archived, phones, customers = cr.fetchone()
    total = active + archived
    ratio = phones / total if total else 0.0
    print(f"partner_extension {version} -> 17.0.1.3.0: {active} active, {archived} archived, "
          f"{phones}/{total} phones sanitized ({ratio:.1%}), {customers} customers")
    if archived > 2:
        _logger.warning("%d archived partners: review them after the upgrade", archived)

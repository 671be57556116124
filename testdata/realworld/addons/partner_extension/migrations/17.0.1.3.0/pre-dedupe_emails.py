"""17.0.1.3.0 adds a unique index on lower(email) for active companies.

Existing duplicates make the index fail: archive them first, keeping the
oldest partner of each address, then create the index.
"""
import logging

import psycopg2

_logger = logging.getLogger(__name__)

INDEX = "res_partner_email_company_uniq"


def create_index(cr):
    cr.execute(
        "CREATE UNIQUE INDEX %s ON res_partner (lower(trim(email))) "
        "WHERE active AND is_company AND email IS NOT NULL" % INDEX
    )


def migrate(cr, version):
    cr.execute("UPDATE res_partner SET email_normalized = lower(trim(email)) WHERE email IS NOT NULL")
    _logger.info("normalized %s e-mail addresses", cr.rowcount)
    try:
        with cr.savepoint():
            create_index(cr)
        return
    except psycopg2.errors.UniqueViolation as exc:
        _logger.warning("duplicate company e-mails, archiving them: %s", exc.pgcode)
    cr.execute("""
        SELECT email_normalized, array_agg(id ORDER BY create_date, id)
          FROM res_partner
         WHERE active AND is_company AND email IS NOT NULL
      GROUP BY email_normalized
        HAVING count(*) > 1
      ORDER BY email_normalized
    """)
    for email, ids in cr.fetchall():
        keep, duplicates = ids[0], ids[1:]
        cr.execute(
            """UPDATE res_partner
                  SET active = false,
                      comment = concat_ws(E'\n', comment, %s)
                WHERE id IN %s""",
            ("Archived during upgrade: duplicate of partner #%d" % keep, tuple(duplicates)),
        )
        _logger.info("%s: kept partner %s, archived %s", email, keep, ", ".join(map(str, duplicates)))
    create_index(cr)

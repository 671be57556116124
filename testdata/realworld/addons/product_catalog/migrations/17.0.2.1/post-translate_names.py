"""Add the French product names the customer provided, and tidy the
English descriptions (runs of spaces came from the old import)."""
import json
import logging
import re

_logger = logging.getLogger(__name__)

FRENCH_NAMES = {
    "FURN_0001": "Chaise de bureau",
    "FURN_0002": "Bureau",
    "FURN_0003": "Lampe de bureau",
    "ACC_0004": "Kit de gestion des câbles",
    "SERV_0005": "Installation",
    "FURN_0008": "Tableau blanc",
}


def migrate(cr, version):
    cr.execute(
        "SELECT id, default_code, name, description_sale FROM product_template "
        "WHERE default_code = ANY(%s) ORDER BY id",
        [list(FRENCH_NAMES)],
    )
    for row in cr.dictfetchall():
        name = dict(row["name"])
        name["fr_FR"] = FRENCH_NAMES[row["default_code"]]
        description = row["description_sale"]
        if description:
            description = {lang: re.sub(r"\s+", " ", text).strip() for lang, text in description.items()}
            description = json.dumps(description, sort_keys=True)
        cr.execute(
            "UPDATE product_template SET name = %s::jsonb, description_sale = %s::jsonb WHERE id = %s",
            (json.dumps(name, sort_keys=True), description, row["id"]),
        )
        _logger.info("%s: %s", row["default_code"], " / ".join("{}={}".format(k, v) for k, v in sorted(name.items())))

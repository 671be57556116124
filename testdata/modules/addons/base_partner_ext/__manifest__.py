# -*- coding: utf-8 -*-
# Part of the migrate-runner test tree.
{
    "name": "Partner Extensions",
    "version": "17.0.1.3",
    "summary": "Extra partner fields",
    "description": """
Partner extensions
==================
Adds a loyalty tier to partners.
""",
    "depends": ["base", "contacts"],
    "data": [
        "security/ir.model.access.csv",  # access rights
        "views/res_partner_views.xml",
    ],
    "license": "LGPL-3",
    "installable": True,
}

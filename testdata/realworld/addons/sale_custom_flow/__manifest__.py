# -*- coding: utf-8 -*-
{
    "name": "Sale Custom Flow",
    "version": "17.0.1.10.0",
    "category": "Sales/Sales",
    "author": "Example Integrator",
    "license": "LGPL-3",
    "depends": [
        "sale",
        "partner_extension",
        "product_catalog",
    ],
    "data": [],
    "installable": True,
    "application": False,
}

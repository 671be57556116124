# -*- coding: utf-8 -*-
{
    "name": "Partner Extension",
    "summary": "Legacy references, normalised phones and e-mails on contacts",
    "version": "17.0.1.3.0",
    "category": "Hidden",
    "author": "Example Integrator",
    "license": "LGPL-3",
    "depends": ["base", "contacts"],
    "data": [],
    "installable": True,
    "auto_install": False,
}

# -*- coding: utf-8 -*-
{
    "name": "Account Sync",
    "version": "17.0.3.0.0",
    "summary": "Links invoices to orders and replaces account_sync_legacy",
    "author": "Example Integrator",
    "license": "LGPL-3",
    "depends": ["account", "sale_custom_flow", "partner_extension"],
    "data": [],
    "installable": True,
}

# -*- coding: utf-8 -*-
# Part of Sale Custom. See LICENSE file for full copyright and licensing details.
#
# Copyright 2024 Example Integrator (https://example.com)
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

{
    'name': "Sale Custom",
    'version': '17.0.1.2.0',
    'summary': "Customer-specific tweaks to quotations and deliveries",
    'description': """
Sale Custom
===========

* Adds a *delivery window* to quotations.
* Prints the window on the delivery slip — with a "quoted" note.
    """,
    'author': 'Example Integrator',
    'website': 'https://example.com',
    'category': 'Sales/Sales',
    'license': 'LGPL-3',
    'depends': ['sale', 'stock',],
    'data': [
        # security first: the views below reference these groups
        'security/sale_custom_security.xml',
        'security/ir.model.access.csv',
        # data
        'data/ir_sequence_data.xml',
        # 'data/disabled_cron.xml',
        'views/sale_order_views.xml',  # form + tree
        'views/stock_picking_views.xml',
        'report/report_deliveryslip.xml',
    ],
    'demo': [],
    'external_dependencies': {'python': ['xlrd']},
    'assets': {
        'web.assets_backend': ['x/static/src/**/*'],
    },
    'installable': True,
    'application': False,
    'auto_install': False,
}

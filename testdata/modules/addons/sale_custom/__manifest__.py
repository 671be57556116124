{
    'name': 'Sale Customisations',
    'version': '17.0.1.2.0',
    'depends': ['sale', 'base_partner_ext',],
    'data': [],
    'installable': True,
    'auto_install': False,
}

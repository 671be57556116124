{
    'name': 'Legacy tool',
    'version': '16.0.2.0',
    'depends': ['base'],
    'installable': False,
}

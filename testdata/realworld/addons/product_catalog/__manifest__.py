{
    'name': 'Product Catalog',
    'version': '17.0.2.1',
    'summary': 'Catalogue codes, barcodes and translated names',
    'author': 'Example Integrator',
    'license': 'LGPL-3',
    'depends': ['product'],
    'data': [],
    'installable': True,
}

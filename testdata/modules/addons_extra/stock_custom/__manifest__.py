{"name": "Stock (shadowed copy)", "version": "17.0.9.9", "depends": ["stock"]}

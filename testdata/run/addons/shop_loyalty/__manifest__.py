{"name": "Shop loyalty", "version": "17.0.1.2", "depends": ["shop"]}

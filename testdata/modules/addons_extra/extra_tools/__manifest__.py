{"name": "Extra tools", "version": "17.0.1.1", "depends": ["sale_custom"]}

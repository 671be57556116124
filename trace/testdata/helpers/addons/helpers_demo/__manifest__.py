{"name": "Helpers demo", "version": "17.0.1.1", "depends": ["base"]}

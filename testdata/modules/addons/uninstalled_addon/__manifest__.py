{"name": "Not installed", "version": "17.0.1.0", "depends": ["base_partner_ext"]}

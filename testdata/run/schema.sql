-- A tiny Odoo-like database for the run example in the README.
CREATE TABLE shop_order (id serial PRIMARY KEY, amount numeric, state varchar);
INSERT INTO shop_order (amount, state) VALUES (120, NULL), (35, 'done'), (80, NULL);
CREATE TABLE ir_module_module (name varchar, state varchar, latest_version varchar);
INSERT INTO ir_module_module VALUES ('shop', 'installed', '17.0.1.0'), ('shop_loyalty', 'installed', '17.0.1.1');

-- The tables the sample tree's scripts touch, with a few rows each, so
-- that the tree can be run (host parity test, runner/parity_test.go).
CREATE TABLE res_partner (id serial PRIMARY KEY, name varchar, tier varchar, active boolean);
INSERT INTO res_partner (name, tier, active) VALUES ('Ann', ' Gold ', true), ('Bob', NULL, false), ('Cy', 'SILVER', NULL);
CREATE TABLE res_users (id serial PRIMARY KEY, login varchar, share boolean);
INSERT INTO res_users (login, share) VALUES ('admin', false), ('portal', NULL);
CREATE TABLE res_company (id serial PRIMARY KEY, name varchar, report_footer text);
INSERT INTO res_company (name, report_footer) VALUES ('Main', NULL), ('Branch', 'Thanks');
CREATE TABLE ir_attachment (id serial PRIMARY KEY, name varchar, res_model varchar);
INSERT INTO ir_attachment (name, res_model) VALUES ('tmp_1', NULL), ('tmp_2', 'res.partner'), ('keep', NULL);
CREATE TABLE ir_model_data (id serial PRIMARY KEY, module varchar, name varchar);
INSERT INTO ir_model_data (module, name) VALUES ('base_partner_ext', 'old_view'), ('base_partner_ext', 'new_view'), ('sale', 'old_x');
CREATE TABLE sale_order (id serial PRIMARY KEY, amount_untaxed numeric, cost numeric, margin numeric, team_id int);
INSERT INTO sale_order (amount_untaxed, cost, margin, team_id) VALUES (100, 60, NULL, 0), (50, 20, 30, 3);
CREATE TABLE stock_quant (id serial PRIMARY KEY, quantity numeric);
INSERT INTO stock_quant (quantity) VALUES (NULL), (4);
CREATE TABLE stock_picking (id serial PRIMARY KEY, state varchar);
INSERT INTO stock_picking (state) VALUES (NULL), ('done');
CREATE TABLE stock_move (id serial PRIMARY KEY, route_id int);
INSERT INTO stock_move (route_id) VALUES (-1), (2);
CREATE TABLE report_custom_line (id serial PRIMARY KEY, active boolean, create_date timestamp);
INSERT INTO report_custom_line (active, create_date) VALUES (true, '2015-01-01'), (true, '2099-01-01');
CREATE MATERIALIZED VIEW report_custom_sales AS SELECT count(*) AS n FROM sale_order;

-- An Odoo 17-like database for testdata/realworld: the modules' tables as
-- they were before the upgrade (installed versions in installed.txt).
-- Deterministic data only: fixed dates, explicit ids.

CREATE TABLE ir_module_module (
    id serial PRIMARY KEY,
    name varchar NOT NULL UNIQUE,
    state varchar NOT NULL,
    latest_version varchar
);
INSERT INTO ir_module_module (id, name, state, latest_version) VALUES
    (1, 'base', 'installed', '17.0.1.3'),
    (2, 'contacts', 'installed', '17.0.1.0'),
    (3, 'product', 'installed', '17.0.1.2'),
    (4, 'sale', 'installed', '17.0.1.2'),
    (5, 'account', 'installed', '17.0.1.2'),
    (6, 'partner_extension', 'installed', '17.0.1.1.0'),
    (7, 'product_catalog', 'installed', '17.0.1.5'),
    (8, 'sale_custom_flow', 'installed', '17.0.1.8.0'),
    (9, 'sale_commission', 'installed', '17.0.1.0'),
    (10, 'account_sync', 'installed', '17.0.2.4.0'),
    (11, 'account_sync_legacy', 'uninstalled', '16.0.1.0');
SELECT setval('ir_module_module_id_seq', 11);

CREATE TABLE ir_model_data (
    id serial PRIMARY KEY,
    module varchar NOT NULL,
    name varchar NOT NULL,
    model varchar NOT NULL,
    res_id integer,
    noupdate boolean DEFAULT false,
    CONSTRAINT ir_model_data_module_name_uniq UNIQUE (module, name)
);
INSERT INTO ir_model_data (id, module, name, model, res_id, noupdate) VALUES
    (1, 'base', 'main_partner', 'res.partner', 1, true),
    (2, 'base', 'user_admin', 'res.users', 1, true),
    (3, 'product', 'product_category_all', 'product.category', 1, false),
    (4, 'product_catalog', 'categ_saleable', 'product.category', 2, false),
    (5, 'product_catalog', 'categ_office_furniture', 'product.category', 3, false),
    (6, 'product_catalog', 'categ_services', 'product.category', 4, false),
    (7, 'product_catalog', 'product_office_chair', 'product.template', 1, true),
    (8, 'product_catalog', 'product_office_desk', 'product.template', 2, true),
    (9, 'account_sync_legacy', 'payment_term_immediate', 'account.payment.term', 1, true),
    (10, 'account_sync_legacy', 'payment_term_30days', 'account.payment.term', 2, true),
    (11, 'account_sync_legacy', 'payment_term_45days', 'account.payment.term', 3, false),
    (12, 'account_sync_legacy', 'payment_term_eom', 'account.payment.term', 4, false),
    (13, 'account_sync', 'payment_term_30days', 'account.payment.term', 2, true),
    (14, 'sale_custom_flow', 'view_order_form_custom', 'ir.ui.view', 101, false),
    (15, 'sale_custom_flow', 'report_sale_custom', 'ir.model', 55, false),
    (16, 'partner_extension', 'partner_category_vip', 'res.partner.category', 1, false);
SELECT setval('ir_model_data_id_seq', 16);

CREATE TABLE ir_config_parameter (
    id serial PRIMARY KEY,
    key varchar NOT NULL UNIQUE,
    value text NOT NULL
);
INSERT INTO ir_config_parameter (id, key, value) VALUES
    (1, 'database.uuid', '6f1c0a52-3c1e-4d7e-9a57-0b0c1f2e3d4a'),
    (2, 'web.base.url', 'http://localhost:8069'),
    (3, 'sale_custom_flow.default_validity_days', '30'),
    (4, 'account_sync.legacy_endpoint', 'https://erp.example/legacy/sync');
SELECT setval('ir_config_parameter_id_seq', 4);

CREATE TABLE res_country (
    id serial PRIMARY KEY,
    code varchar(2) NOT NULL UNIQUE,
    name jsonb NOT NULL,
    phone_code integer
);
INSERT INTO res_country (id, code, name, phone_code) VALUES
    (1, 'BE', '{"en_US": "Belgium", "fr_FR": "Belgique"}', 32),
    (2, 'FR', '{"en_US": "France", "fr_FR": "France"}', 33),
    (3, 'DE', '{"en_US": "Germany", "fr_FR": "Allemagne"}', 49),
    (4, 'US', '{"en_US": "United States", "fr_FR": "États-Unis"}', 1);
SELECT setval('res_country_id_seq', 4);

CREATE TABLE res_partner (
    id serial PRIMARY KEY,
    name varchar,
    complete_name varchar,
    email varchar,
    phone varchar,
    x_legacy_ref varchar,
    vat varchar,
    street varchar,
    city varchar,
    zip varchar,
    country_id integer REFERENCES res_country (id),
    is_company boolean DEFAULT false,
    parent_id integer REFERENCES res_partner (id),
    active boolean DEFAULT true,
    customer_rank integer DEFAULT 0,
    comment text,
    create_date timestamp
);
INSERT INTO res_partner (id, name, complete_name, email, phone, x_legacy_ref, vat, street, city, zip, country_id, is_company, parent_id, active, customer_rank, comment, create_date) VALUES
    (1, 'YourCompany', 'YourCompany', 'info@yourcompany.example', '+32 2 290 34 90', NULL, 'BE0477472701', 'Rue du Midi 1', 'Brussels', '1000', 1, true, NULL, true, 0, NULL, '2023-01-02 08:00:00'),
    (2, 'Acme Corporation', 'Acme Corporation', 'Info@Acme.example', '(555) 010-2000', 'ACM-001', 'US123456789', '1 Industrial Way', 'Springfield', '62701', 4, true, NULL, true, 0, NULL, '2023-02-14 10:30:00'),
    (3, 'Jane Doe', 'Acme Corporation, Jane Doe', 'jane.doe@acme.example', '555.010.2001', NULL, NULL, NULL, 'Springfield', '62701', 4, false, 2, true, 0, NULL, '2023-02-14 10:35:00'),
    (4, 'Acme Billing', 'Acme Billing', 'info@acme.example ', '555-010-2002', 'ACM-002', NULL, '1 Industrial Way', 'Springfield', '62701', 4, true, NULL, true, 0, 'Created by the import of 2023-03', '2023-03-01 09:00:00'),
    (5, 'Boulangerie Dupont', 'Boulangerie Dupont', 'contact@dupont.example', '01 42 68 53 00', 'DUP-17', 'FR40303265045', '12 rue Vivienne', 'Paris', '75002', 2, true, NULL, true, 0, NULL, '2023-03-20 14:00:00'),
    (6, 'Dupont SARL', 'Dupont SARL', 'CONTACT@dupont.example', '+33 1 42 68 53 01', 'DUP-18', 'FR40303265045', '12 rue Vivienne', 'Paris', '75002', 2, true, NULL, true, 0, NULL, '2023-04-02 11:15:00'),
    (7, 'Müller GmbH', 'Müller GmbH', 'verkauf@mueller.example', '030 1234567', 'MUE-3', 'DE123456789', 'Friedrichstraße 10', 'Berlin', '10115', 3, true, NULL, true, 0, NULL, '2023-05-11 07:45:00'),
    (8, 'Klaus Müller', 'Müller GmbH, Klaus Müller', 'klaus@mueller.example', '0049 30 1234568', NULL, NULL, NULL, 'Berlin', '10115', 3, false, 7, true, 0, NULL, '2023-05-11 07:50:00'),
    (9, 'Brussels Bikes', 'Brussels Bikes', 'hello@bxlbikes.example', '02/511.22.33', 'BXB-9', 'BE0123456749', 'Avenue Louise 200', 'Brussels', '1050', 1, true, NULL, true, 0, NULL, '2023-06-30 16:20:00'),
    (10, 'Old Customer', 'Old Customer', 'old@customer.example', NULL, 'OLD-1', NULL, NULL, 'Liège', '4000', 1, true, NULL, false, 0, 'Archived in 2022', '2021-09-09 09:09:00'),
    (11, 'Gent Gardens', 'Gent Gardens', 'info@gentgardens.example', '09 223 44 55', NULL, 'BE0987654321', 'Korenmarkt 5', 'Gent', '9000', 1, true, NULL, true, 0, NULL, '2023-08-08 12:00:00'),
    (12, 'Walk-in Customer', 'Walk-in Customer', NULL, '+1 (555) 010-9999', NULL, NULL, NULL, 'Boston', '02108', 4, false, NULL, true, 0, NULL, '2023-09-01 13:37:00'),
    (13, 'Alice Martin', 'Alice Martin', 'alice@yourcompany.example', '0470 12 34 56', NULL, NULL, NULL, 'Brussels', '1000', 1, false, NULL, true, 0, NULL, '2023-01-02 08:05:00'),
    (14, 'Bob Peeters', 'Bob Peeters', 'bob@yourcompany.example', '0032 475 65 43 21', NULL, NULL, NULL, 'Leuven', '3000', 1, false, NULL, true, 0, NULL, '2023-01-02 08:06:00');
SELECT setval('res_partner_id_seq', 14);

CREATE TABLE res_users (
    id serial PRIMARY KEY,
    login varchar NOT NULL UNIQUE,
    partner_id integer NOT NULL REFERENCES res_partner (id),
    active boolean DEFAULT true,
    x_commission_rate numeric
);
INSERT INTO res_users (id, login, partner_id, active, x_commission_rate) VALUES
    (1, 'admin', 1, true, NULL),
    (2, 'alice', 13, true, 5.0),
    (3, 'bob', 14, true, 3.5);
SELECT setval('res_users_id_seq', 3);

CREATE TABLE product_category (
    id serial PRIMARY KEY,
    name varchar NOT NULL,
    complete_name varchar,
    parent_id integer REFERENCES product_category (id)
);
INSERT INTO product_category (id, name, complete_name, parent_id) VALUES
    (1, 'All', 'All', NULL),
    (2, 'Saleable', 'All / Saleable', 1),
    (3, 'Office Furniture', 'All/Saleable/Office Furniture', 2),
    (4, 'Services', 'All / Services', 1);
SELECT setval('product_category_id_seq', 4);

CREATE TABLE product_template (
    id serial PRIMARY KEY,
    name jsonb NOT NULL,
    default_code varchar,
    list_price numeric,
    type varchar NOT NULL,
    categ_id integer REFERENCES product_category (id),
    active boolean DEFAULT true,
    description_sale text,
    x_warranty_note text,
    create_date timestamp
);
INSERT INTO product_template (id, name, default_code, list_price, type, categ_id, active, description_sale, x_warranty_note, create_date) VALUES
    (1, '{"en_US": "Office Chair"}', 'FURN_0001', 120.50, 'consu', 3, true, 'Ergonomic chair with armrests', '2 years', '2023-01-10 09:00:00'),
    (2, '{"en_US": "Office Desk"}', 'FURN_0002', 349.00, 'consu', 3, true, 'Height adjustable desk, 160x80', '5 years', '2023-01-10 09:01:00'),
    (3, '{"en_US": "Desk Lamp"}', 'FURN_0003', 39.90, 'consu', 3, true, NULL, NULL, '2023-01-10 09:02:00'),
    (4, '{"en_US": "Cable Management Kit"}', 'ACC_0004', 12.00, 'consu', 2, true, '  Keeps your   cables   tidy ', NULL, '2023-02-01 10:00:00'),
    (5, '{"en_US": "Installation"}', 'SERV_0005', 75.00, 'service', 4, true, 'On-site installation, per hour', NULL, '2023-02-01 10:05:00'),
    (6, '{"en_US": "Maintenance Contract"}', 'SERV_0006', 450.00, 'service', 4, true, NULL, '1 year, renewable', '2023-02-01 10:06:00'),
    (7, '{"en_US": "Large Cabinet"}', 'FURN_0007', 799.00, 'consu', 3, false, 'Discontinued', NULL, '2022-06-01 08:00:00'),
    (8, '{"en_US": "Whiteboard"}', 'FURN_0008', 89.00, 'consu', 3, true, 'Magnetic whiteboard 120x90', NULL, '2023-03-15 15:00:00');
SELECT setval('product_template_id_seq', 8);

CREATE TABLE product_product (
    id serial PRIMARY KEY,
    product_tmpl_id integer NOT NULL REFERENCES product_template (id),
    default_code varchar,
    barcode varchar,
    active boolean DEFAULT true,
    CONSTRAINT product_product_barcode_uniq UNIQUE (barcode)
);
INSERT INTO product_product (id, product_tmpl_id, default_code, barcode, active) VALUES
    (1, 1, 'FURN_0001', '5901234123457', true),
    (2, 2, 'FURN_0002', '4006-3813-3393-1', true),
    (3, 3, 'FURN_0003', ' 0012345678905 ', true),
    (4, 4, 'ACC_0004', NULL, true),
    (5, 5, 'SERV_0005', NULL, true),
    (6, 6, 'SERV_0006', NULL, true),
    (7, 7, 'FURN_0007', '978-0-201-37962-4', false),
    (8, 8, 'FURN_0008', '5 901234 123457', true);
SELECT setval('product_product_id_seq', 8);

CREATE TABLE sale_order (
    id serial PRIMARY KEY,
    name varchar NOT NULL UNIQUE,
    partner_id integer NOT NULL REFERENCES res_partner (id),
    user_id integer REFERENCES res_users (id),
    date_order timestamp NOT NULL,
    validity_date date,
    state varchar(16),
    amount_untaxed numeric,
    amount_tax numeric,
    amount_total numeric,
    note text,
    client_order_ref varchar
);
INSERT INTO sale_order (id, name, partner_id, user_id, date_order, validity_date, state, amount_untaxed, amount_tax, amount_total, note, client_order_ref) VALUES
    (1, 'S00001', 2, 2, '2023-11-03 09:15:00', NULL, 'done', 0, 0, 0, NULL, 'PO-7781'),
    (2, 'S00002', 5, 3, '2023-11-16 14:30:00', NULL, 'sale', 0, 0, 0, NULL, NULL),
    (3, 'S00003', 7, 2, '2023-12-01 10:00:00', '2023-12-31', 'done', 0, 0, 0, 'Deliver to gate 3', 'BE-2023-118'),
    (4, 'S00004', 9, 3, '2023-12-06 16:45:00', NULL, 'sent', 0, 0, 0, NULL, NULL),
    (5, 'S00005', 3, 2, '2023-12-22 11:20:00', NULL, 'sale', 0, 0, 0, NULL, 'PO-7802'),
    (6, 'S00006', 11, 3, '2024-01-04 08:05:00', NULL, 'draft', 0, 0, 0, NULL, NULL),
    (7, 'S00007', 6, 2, '2024-01-19 13:00:00', NULL, 'cancel', 0, 0, 0, 'Customer cancelled', NULL),
    (8, 'S00008', 2, 1, '2024-02-01 09:40:00', NULL, 'sale', 0, 0, 0, NULL, 'PO-7850'),
    (9, 'S00009', 8, 2, '2024-02-16 15:10:00', NULL, 'done', 0, 0, 0, NULL, NULL),
    (10, 'S00010', 12, 3, '2024-02-29 12:00:00', NULL, 'draft', 0, 0, 0, NULL, NULL);
SELECT setval('sale_order_id_seq', 10);

CREATE TABLE sale_order_line (
    id serial PRIMARY KEY,
    order_id integer NOT NULL REFERENCES sale_order (id),
    product_id integer REFERENCES product_product (id),
    name text,
    product_uom_qty numeric,
    price_unit numeric,
    discount numeric DEFAULT 0,
    price_subtotal numeric,
    sequence integer DEFAULT 10
);
INSERT INTO sale_order_line (id, order_id, product_id, name, product_uom_qty, price_unit, discount, price_subtotal, sequence) VALUES
    (1, 1, 1, 'Office Chair', 4, 120.50, 0, NULL, 10),
    (2, 1, 4, 'Cable Management Kit', 4, 12.00, 10, NULL, 20),
    (3, 2, 2, 'Office Desk', 2, 349.00, 5, NULL, 10),
    (4, 2, 5, 'Installation', 3, 75.00, 0, NULL, 20),
    (5, 3, 1, 'Office Chair', 10, 115.00, 7.5, NULL, 10),
    (6, 3, 3, 'Desk Lamp', 10, 39.90, 0, NULL, 20),
    (7, 3, 6, 'Maintenance Contract', 1, 450.00, 0, NULL, 30),
    (8, 4, 8, 'Whiteboard', 1, 89.00, 0, NULL, 10),
    (9, 5, 2, 'Office Desk', 1, 349.00, 0, NULL, 10),
    (10, 5, 3, 'Desk Lamp', 2, 39.90, 15, NULL, 20),
    (11, 6, 5, 'Installation', 8, 75.00, 0, NULL, 10),
    (12, 6, 6, 'Maintenance Contract', 1, 450.00, 10, NULL, 20),
    (13, 7, 1, 'Office Chair', 2, 120.50, 0, NULL, 10),
    (14, 8, 1, 'Office Chair', 6, 120.50, 5, NULL, 10),
    (15, 8, 2, 'Office Desk', 6, 349.00, 5, NULL, 20),
    (16, 8, 5, 'Installation', 5, 75.00, 0, NULL, 30),
    (17, 9, 3, 'Desk Lamp', 5, 39.90, 0, NULL, 10),
    (18, 9, 4, 'Cable Management Kit', 5, 12.00, 0, NULL, 20),
    (19, 10, 8, 'Whiteboard', 1, 89.00, 0, NULL, 10),
    (20, 10, 3, 'Desk Lamp', 1, 39.90, 0, NULL, 20);
SELECT setval('sale_order_line_id_seq', 20);

-- A reporting view that the sale_custom_flow upgrade has to drop and recreate.
CREATE VIEW sale_custom_report AS
    SELECT so.id, so.name, so.partner_id, so.state, so.amount_total
      FROM sale_order so;

CREATE TABLE account_payment_term (
    id serial PRIMARY KEY,
    name jsonb NOT NULL,
    days integer NOT NULL DEFAULT 0,
    end_of_month boolean NOT NULL DEFAULT false
);
INSERT INTO account_payment_term (id, name, days, end_of_month) VALUES
    (1, '{"en_US": "Immediate Payment"}', 0, false),
    (2, '{"en_US": "30 Days"}', 30, false),
    (3, '{"en_US": "45 Days"}', 45, false),
    (4, '{"en_US": "End of Following Month"}', 30, true);
SELECT setval('account_payment_term_id_seq', 4);

CREATE TABLE account_move (
    id serial PRIMARY KEY,
    name varchar NOT NULL,
    move_type varchar NOT NULL,
    partner_id integer REFERENCES res_partner (id),
    invoice_date date,
    invoice_date_due date,
    invoice_payment_term_id integer REFERENCES account_payment_term (id),
    invoice_origin varchar,
    payment_ref varchar,
    amount_total numeric,
    state varchar NOT NULL
);
INSERT INTO account_move (id, name, move_type, partner_id, invoice_date, invoice_date_due, invoice_payment_term_id, invoice_origin, payment_ref, amount_total, state) VALUES
    (1, 'INV/2023/00001', 'out_invoice', 2, '2023-11-05', NULL, 2, 'S00001', 'INV/2023/00001', 525.20, 'posted'),
    (2, 'INV/2023/00002', 'out_invoice', 7, '2023-12-04', NULL, 4, 'S00003', 'INV/2023/00002', 2184.45, 'posted'),
    (3, 'INV/2024/00001', 'out_invoice', 5, '2024-01-10', NULL, 3, 'S00002, S00999', 'S00002', 1065.60, 'posted'),
    (4, 'INV/2024/00002', 'out_invoice', 2, '2024-02-05', NULL, 1, 'S00001,S00008', NULL, 3000.00, 'posted'),
    (5, 'RINV/2024/00001', 'out_refund', 2, '2024-02-20', NULL, 1, 'S00001', 'RINV/2024/00001', 48.20, 'posted'),
    (6, 'INV/2024/00003', 'out_invoice', 8, '2024-02-28', NULL, 4, 'S00009', 'INV/2024/00003', 259.50, 'posted'),
    (7, '/', 'out_invoice', 11, NULL, NULL, 2, 'S00006', NULL, 1005.00, 'draft');
SELECT setval('account_move_id_seq', 7);

-- A minimal Odoo-shaped database (17.0 style: translated columns are
-- jsonb), for the tests of the helper libraries (package odoolib). It
-- holds the tables and columns the SQL-level helpers read and write, and
-- a few rows of two installed modules, base and sale, plus one custom
-- module, x_custom. Tests append the rows they need. Dates default to a
-- fixed instant, not now(), so that two runs (one per Python host) leave
-- byte-identical rows.

CREATE TABLE ir_module_module (
    id serial PRIMARY KEY,
    name varchar NOT NULL UNIQUE,
    state varchar(16),
    latest_version varchar,
    demo boolean DEFAULT false,
    auto_install boolean DEFAULT false,
    category_id int,
    license varchar,
    author varchar,
    shortdesc jsonb,
    create_date timestamp DEFAULT '2026-01-01 00:00:00',
    write_date timestamp DEFAULT '2026-01-01 00:00:00'
);
CREATE TABLE ir_module_module_dependency (
    id serial PRIMARY KEY,
    module_id int REFERENCES ir_module_module (id) ON DELETE CASCADE,
    name varchar,
    auto_install_required boolean DEFAULT true
);
CREATE TABLE ir_module_module_exclusion (
    id serial PRIMARY KEY,
    module_id int REFERENCES ir_module_module (id) ON DELETE CASCADE,
    name varchar
);
CREATE TABLE ir_model (
    id serial PRIMARY KEY,
    model varchar NOT NULL UNIQUE,
    name jsonb NOT NULL,
    state varchar DEFAULT 'base',
    info text,
    transient boolean DEFAULT false,
    order_field varchar DEFAULT 'id'
);
CREATE TABLE ir_model_fields (
    id serial PRIMARY KEY,
    name varchar NOT NULL,
    model varchar NOT NULL,
    model_id int NOT NULL REFERENCES ir_model (id) ON DELETE CASCADE,
    field_description jsonb NOT NULL,
    help jsonb,
    ttype varchar NOT NULL,
    relation varchar,
    relation_field varchar,
    relation_table varchar,
    column1 varchar,
    column2 varchar,
    related varchar,
    depends varchar,
    compute text,
    state varchar DEFAULT 'base',
    store boolean DEFAULT true,
    index boolean DEFAULT false,
    translate boolean DEFAULT false,
    on_delete varchar DEFAULT 'set null',
    UNIQUE (model, name)
);
CREATE TABLE ir_model_fields_selection (
    id serial PRIMARY KEY,
    field_id int NOT NULL REFERENCES ir_model_fields (id) ON DELETE CASCADE,
    value varchar NOT NULL,
    name jsonb NOT NULL,
    sequence int DEFAULT 1000
);
CREATE TABLE ir_model_data (
    id serial PRIMARY KEY,
    module varchar NOT NULL,
    name varchar NOT NULL,
    model varchar NOT NULL,
    res_id int,
    noupdate boolean DEFAULT false,
    create_date timestamp DEFAULT '2026-01-01 00:00:00',
    write_date timestamp DEFAULT '2026-01-01 00:00:00',
    UNIQUE (module, name)
);
CREATE TABLE ir_model_constraint (
    id serial PRIMARY KEY,
    name varchar NOT NULL,
    definition varchar,
    message jsonb,
    model int NOT NULL REFERENCES ir_model (id) ON DELETE CASCADE,
    module int NOT NULL REFERENCES ir_module_module (id) ON DELETE CASCADE,
    type varchar(1) NOT NULL
);
CREATE TABLE ir_model_relation (
    id serial PRIMARY KEY,
    name varchar NOT NULL,
    model int NOT NULL REFERENCES ir_model (id) ON DELETE CASCADE,
    module int NOT NULL REFERENCES ir_module_module (id) ON DELETE CASCADE
);
CREATE TABLE ir_model_access (
    id serial PRIMARY KEY,
    name varchar NOT NULL,
    model_id int NOT NULL REFERENCES ir_model (id) ON DELETE CASCADE,
    group_id int,
    perm_read boolean DEFAULT true
);
CREATE TABLE ir_rule (
    id serial PRIMARY KEY,
    name varchar,
    model_id int NOT NULL REFERENCES ir_model (id) ON DELETE CASCADE,
    domain_force text,
    active boolean DEFAULT true
);
CREATE TABLE ir_ui_view (
    id serial PRIMARY KEY,
    name varchar NOT NULL,
    model varchar,
    key varchar,
    type varchar,
    arch_db jsonb,
    arch_fs varchar,
    arch_updated boolean,
    arch_prev text,
    inherit_id int REFERENCES ir_ui_view (id) ON DELETE CASCADE,
    mode varchar DEFAULT 'primary',
    active boolean DEFAULT true,
    priority int DEFAULT 16,
    create_date timestamp DEFAULT '2026-01-01 00:00:00',
    write_date timestamp DEFAULT '2026-01-01 00:00:00'
);
CREATE TABLE ir_act_window (
    id serial PRIMARY KEY,
    name jsonb NOT NULL,
    type varchar DEFAULT 'ir.actions.act_window',
    res_model varchar NOT NULL,
    binding_model_id int REFERENCES ir_model (id) ON DELETE CASCADE,
    domain varchar,
    context varchar DEFAULT '{}',
    view_mode varchar DEFAULT 'tree,form'
);
CREATE TABLE ir_ui_menu (
    id serial PRIMARY KEY,
    name jsonb NOT NULL,
    parent_id int REFERENCES ir_ui_menu (id) ON DELETE CASCADE,
    parent_path varchar,
    action varchar,
    sequence int DEFAULT 10,
    active boolean DEFAULT true
);
CREATE TABLE ir_filters (
    id serial PRIMARY KEY,
    name varchar NOT NULL,
    model_id varchar NOT NULL,
    domain text DEFAULT '[]',
    context text DEFAULT '{}',
    sort varchar DEFAULT '[]',
    user_id int,
    action_id int
);
CREATE TABLE ir_default (
    id serial PRIMARY KEY,
    field_id int NOT NULL REFERENCES ir_model_fields (id) ON DELETE CASCADE,
    json_value varchar,
    user_id int,
    company_id int,
    condition varchar
);
CREATE TABLE ir_exports (
    id serial PRIMARY KEY,
    name varchar,
    resource varchar
);
CREATE TABLE ir_exports_line (
    id serial PRIMARY KEY,
    name varchar NOT NULL,
    export_id int REFERENCES ir_exports (id) ON DELETE CASCADE
);
CREATE TABLE ir_attachment (
    id serial PRIMARY KEY,
    name varchar NOT NULL,
    res_model varchar,
    res_field varchar,
    res_id int,
    type varchar DEFAULT 'binary',
    db_datas bytea
);
CREATE TABLE ir_config_parameter (
    id serial PRIMARY KEY,
    key varchar NOT NULL UNIQUE,
    value text NOT NULL
);
CREATE TABLE ir_translation ( -- Odoo <= 15 keeps translations here
    id serial PRIMARY KEY,
    lang varchar,
    src text,
    name varchar NOT NULL,
    res_id int,
    module varchar,
    state varchar,
    comments text,
    value text,
    type varchar
);
CREATE TABLE res_groups (
    id serial PRIMARY KEY,
    name jsonb NOT NULL
);
CREATE TABLE res_partner (
    id serial PRIMARY KEY,
    name varchar,
    ref varchar,
    active boolean DEFAULT true,
    customer_rank int DEFAULT 0,
    parent_id int REFERENCES res_partner (id) ON DELETE SET NULL
);
CREATE TABLE res_users (
    id serial PRIMARY KEY,
    login varchar NOT NULL UNIQUE,
    partner_id int NOT NULL REFERENCES res_partner (id)
);
CREATE TABLE mail_message (
    id serial PRIMARY KEY,
    model varchar,
    res_id int,
    body text
);
CREATE TABLE mail_followers (
    id serial PRIMARY KEY,
    res_model varchar NOT NULL,
    res_id int,
    partner_id int
);
CREATE TABLE sale_order (
    id serial PRIMARY KEY,
    name varchar NOT NULL,
    partner_id int NOT NULL REFERENCES res_partner (id),
    state varchar DEFAULT 'draft',
    note text,
    amount_total numeric
);
CREATE TABLE sale_order_line (
    id serial PRIMARY KEY,
    order_id int NOT NULL REFERENCES sale_order (id) ON DELETE CASCADE,
    name text,
    price_unit numeric
);
CREATE TABLE sale_order_tag (
    id serial PRIMARY KEY,
    name jsonb NOT NULL
);
CREATE TABLE sale_order_tag_rel (
    order_id int NOT NULL REFERENCES sale_order (id) ON DELETE CASCADE,
    tag_id int NOT NULL REFERENCES sale_order_tag (id) ON DELETE CASCADE,
    PRIMARY KEY (order_id, tag_id)
);
CREATE INDEX sale_order_tag_rel_tag_id_idx ON sale_order_tag_rel (tag_id);

INSERT INTO ir_module_module (name, state, latest_version, license, author) VALUES
    ('base', 'installed', '17.0.1.3', 'LGPL-3', 'Odoo S.A.'),
    ('sale', 'installed', '17.0.1.2', 'LGPL-3', 'Odoo S.A.'),
    ('x_custom', 'installed', '17.0.1.0', 'LGPL-3', 'Example'),
    ('crm', 'uninstalled', NULL, 'LGPL-3', 'Odoo S.A.');
INSERT INTO ir_module_module_dependency (module_id, name) VALUES (2, 'base'), (3, 'sale'), (4, 'base');

INSERT INTO ir_model (model, name, state) VALUES
    ('res.partner', '{"en_US": "Contact"}', 'base'),
    ('res.users', '{"en_US": "User"}', 'base'),
    ('sale.order', '{"en_US": "Sales Order"}', 'base'),
    ('sale.order.line', '{"en_US": "Sales Order Line"}', 'base'),
    ('sale.order.tag', '{"en_US": "Sales Tag"}', 'base');
INSERT INTO ir_model_fields (name, model, model_id, field_description, ttype, relation, relation_table, column1, column2, state) VALUES
    ('name', 'res.partner', 1, '{"en_US": "Name"}', 'char', NULL, NULL, NULL, NULL, 'base'),
    ('ref', 'res.partner', 1, '{"en_US": "Reference"}', 'char', NULL, NULL, NULL, NULL, 'base'),
    ('customer_rank', 'res.partner', 1, '{"en_US": "Customer Rank"}', 'integer', NULL, NULL, NULL, NULL, 'base'),
    ('name', 'sale.order', 3, '{"en_US": "Order Reference"}', 'char', NULL, NULL, NULL, NULL, 'base'),
    ('partner_id', 'sale.order', 3, '{"en_US": "Customer"}', 'many2one', 'res.partner', NULL, NULL, NULL, 'base'),
    ('note', 'sale.order', 3, '{"en_US": "Terms and conditions"}', 'html', NULL, NULL, NULL, NULL, 'base'),
    ('state', 'sale.order', 3, '{"en_US": "Status"}', 'selection', NULL, NULL, NULL, NULL, 'base'),
    ('tag_ids', 'sale.order', 3, '{"en_US": "Tags"}', 'many2many', 'sale.order.tag', 'sale_order_tag_rel', 'order_id', 'tag_id', 'base'),
    ('order_id', 'sale.order.line', 4, '{"en_US": "Order Reference"}', 'many2one', 'sale.order', NULL, NULL, NULL, 'base'),
    ('x_studio_note', 'sale.order', 3, '{"en_US": "Studio note"}', 'char', NULL, NULL, NULL, NULL, 'manual');
INSERT INTO ir_model_fields_selection (field_id, value, name, sequence) VALUES
    (7, 'draft', '{"en_US": "Quotation"}', 1), (7, 'sale', '{"en_US": "Sales Order"}', 2), (7, 'cancel', '{"en_US": "Cancelled"}', 3);
INSERT INTO ir_model_data (module, name, model, res_id, noupdate) VALUES
    ('base', 'model_res_partner', 'ir.model', 1, false),
    ('sale', 'model_sale_order', 'ir.model', 3, false),
    ('sale', 'model_sale_order_line', 'ir.model', 4, false),
    ('base', 'field_res_partner__name', 'ir.model.fields', 1, false),
    ('base', 'field_res_partner__ref', 'ir.model.fields', 2, false),
    ('sale', 'field_sale_order__partner_id', 'ir.model.fields', 5, false),
    ('sale', 'field_sale_order__note', 'ir.model.fields', 6, false),
    ('sale', 'field_sale_order__state', 'ir.model.fields', 7, false),
    ('base', 'main_partner', 'res.partner', 1, true),
    ('base', 'partner_admin', 'res.partner', 2, true),
    ('base', 'user_admin', 'res.users', 1, true),
    ('sale', 'view_order_form', 'ir.ui.view', 1, false),
    ('sale', 'view_order_form_inherit', 'ir.ui.view', 2, true),
    ('sale', 'menu_sale_root', 'ir.ui.menu', 1, false),
    ('sale', 'menu_sale_orders', 'ir.ui.menu', 2, false),
    ('sale', 'action_orders', 'ir.actions.act_window', 1, false),
    ('base', 'module_sale', 'ir.module.module', 2, true),
    ('x_custom', 'partner_vip', 'res.partner', 3, false);
INSERT INTO res_partner (name, ref, customer_rank) VALUES ('My Company', 'MC', 0), ('Administrator', NULL, 0), ('VIP Customer', 'VIP', 3), ('Plain Customer', NULL, 1);
INSERT INTO res_users (login, partner_id) VALUES ('admin', 2);
INSERT INTO res_groups (name) VALUES ('{"en_US": "Sales / User"}');
INSERT INTO sale_order (name, partner_id, state, note, amount_total) VALUES
    ('S00001', 3, 'sale', '<p>Net 30</p>', 100.5), ('S00002', 4, 'draft', NULL, 20), ('S00003', 3, 'cancel', '<p>void</p>', 0);
INSERT INTO sale_order_line (order_id, name, price_unit) VALUES (1, 'Chair', 50.25), (1, 'Desk', 50.25), (2, 'Lamp', 20);
INSERT INTO sale_order_tag (name) VALUES ('{"en_US": "Urgent"}'), ('{"en_US": "Export"}');
INSERT INTO sale_order_tag_rel VALUES (1, 1), (1, 2), (2, 2);
INSERT INTO ir_ui_view (name, model, key, type, arch_db, inherit_id, mode, priority) VALUES
    ('sale.order.form', 'sale.order', NULL, 'form',
     '{"en_US": "<form string=\"Sales Order\"><sheet><group><field name=\"partner_id\"/><field name=\"note\"/></group></sheet></form>"}', NULL, 'primary', 16),
    ('sale.order.form.inherit', 'sale.order', NULL, 'form',
     '{"en_US": "<data><xpath expr=\"//field[@name=''note'']\" position=\"after\"><field name=\"state\"/></xpath></data>"}', 1, 'extension', 16);
INSERT INTO ir_act_window (name, res_model, domain, context) VALUES ('{"en_US": "Quotations"}', 'sale.order', '[("state", "=", "draft")]', '{"search_default_my": 1}');
INSERT INTO ir_ui_menu (name, parent_id, parent_path, action) VALUES
    ('{"en_US": "Sales"}', NULL, '1/', NULL),
    ('{"en_US": "Orders"}', 1, '1/2/', 'ir.actions.act_window,1');
INSERT INTO ir_filters (name, model_id, domain, context, sort) VALUES
    ('Big orders', 'sale.order', '[("amount_total", ">", 50)]', '{"group_by": ["partner_id"]}', '["amount_total desc"]');
INSERT INTO ir_default (field_id, json_value) VALUES (7, '"draft"');
INSERT INTO ir_exports (name, resource) VALUES ('orders', 'sale.order');
INSERT INTO ir_exports_line (name, export_id) VALUES ('partner_id/name', 1), ('note', 1);
INSERT INTO ir_attachment (name, res_model, res_id) VALUES ('quote.pdf', 'sale.order', 1);
INSERT INTO mail_message (model, res_id, body) VALUES ('sale.order', 1, 'Order confirmed'), ('res.partner', 3, 'Hello');
INSERT INTO mail_followers (res_model, res_id, partner_id) VALUES ('sale.order', 1, 3);
INSERT INTO ir_config_parameter (key, value) VALUES ('database.uuid', '00000000-0000-4000-8000-000000000000');

-- package odoolib/upgradeutil: Odoo's ir_act_window.res_id (upgrade-util
-- takes it as present in every database from 10.0 on) and 17.0's
-- ir_model_inherit, with res.users delegating to res.partner.
ALTER TABLE ir_act_window ADD COLUMN res_id integer;
CREATE TABLE ir_model_inherit (
    id serial PRIMARY KEY,
    model_id int NOT NULL REFERENCES ir_model (id) ON DELETE CASCADE,
    parent_id int NOT NULL REFERENCES ir_model (id) ON DELETE CASCADE,
    parent_field_id int REFERENCES ir_model_fields (id) ON DELETE CASCADE
);
INSERT INTO ir_model_fields (name, model, model_id, field_description, ttype, relation, state)
    SELECT 'partner_id', 'res.users', id, '{"en_US": "Related Partner"}', 'many2one', 'res.partner', 'base'
      FROM ir_model WHERE model = 'res.users';
INSERT INTO ir_model_inherit (model_id, parent_id, parent_field_id)
    SELECT u.id, p.id, f.id
      FROM ir_model u, ir_model p, ir_model_fields f
     WHERE u.model = 'res.users' AND p.model = 'res.partner' AND f.model = 'res.users' AND f.name = 'partner_id';

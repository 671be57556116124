-- Extra schema and rows for the tests of package odoolib/upgradeutil/refactor,
-- loaded after testdata/odoo/schema.sql. They live here rather than in the
-- shared fixture because they add columns to shared tables (which would
-- change every other package's database state) and rows that only these
-- tests need. Rows refer to shared rows by natural key, never by id.

-- Odoo 17 columns and tables the shared fixture leaves out but the refactors
-- read: ir_model_fields.domain (a domain column), ir_act_server (whose code
-- rename_model rewrites) and mail_alias. (ir_act_window.res_id and
-- ir_model_inherit come with the shared fixture.)
ALTER TABLE ir_model_fields ADD COLUMN domain varchar;
-- Odoo's ORM fills create_date/write_date, the database has no default: a
-- row inserted by SQL (a recreated xmlid) gets NULL, the same in every run.
ALTER TABLE ir_model_data ALTER COLUMN create_date DROP DEFAULT, ALTER COLUMN write_date DROP DEFAULT;
CREATE TABLE ir_act_server (
    id serial PRIMARY KEY,
    name jsonb NOT NULL,
    type varchar DEFAULT 'ir.actions.server',
    model_id int NOT NULL REFERENCES ir_model (id) ON DELETE CASCADE,
    model_name varchar,
    binding_model_id int REFERENCES ir_model (id) ON DELETE CASCADE,
    state varchar NOT NULL DEFAULT 'object_write',
    code text
);
CREATE INDEX sale_order__note_index ON sale_order (note);
CREATE TABLE mail_alias (
    id serial PRIMARY KEY,
    alias_name varchar,
    alias_model_id int NOT NULL REFERENCES ir_model (id) ON DELETE CASCADE,
    alias_defaults text NOT NULL DEFAULT '{}',
    alias_force_thread_id int,
    alias_parent_model_id int REFERENCES ir_model (id) ON DELETE CASCADE,
    alias_parent_thread_id int
);

-- A CRM-like corner: a mixin inherited by two models, and two tag models
-- for merge_model (crm.lead.tag was merged into crm.tag in Odoo 13).
CREATE TABLE crm_lead (
    id serial PRIMARY KEY,
    name varchar,
    activity_note text,
    description text,
    x_origin_ref varchar
);
CREATE TABLE project_task (
    id serial PRIMARY KEY,
    name varchar,
    activity_note text
);
CREATE TABLE crm_lead_tag (
    id serial PRIMARY KEY,
    name jsonb NOT NULL,
    color int
);
CREATE TABLE crm_tag (
    id serial PRIMARY KEY,
    name jsonb NOT NULL,
    color int
);
CREATE TABLE crm_lead_tag_rel (
    lead_id int NOT NULL REFERENCES crm_lead (id) ON DELETE CASCADE,
    tag_id int NOT NULL REFERENCES crm_lead_tag (id) ON DELETE CASCADE,
    PRIMARY KEY (lead_id, tag_id)
);

INSERT INTO ir_model (model, name, state) VALUES
    ('ir.ui.menu', '{"en_US": "Menu"}', 'base'),
    ('mail.activity.mixin', '{"en_US": "Activity Mixin"}', 'base'),
    ('crm.lead', '{"en_US": "Lead"}', 'base'),
    ('project.task', '{"en_US": "Task"}', 'base'),
    ('crm.lead.tag', '{"en_US": "Lead Tag"}', 'base'),
    ('crm.tag', '{"en_US": "CRM Tag"}', 'base');

INSERT INTO ir_model_fields (name, model, model_id, field_description, ttype, relation, relation_table, column1, column2,
                             related, depends, compute, state, store, domain)
SELECT f.name, f.model, m.id, jsonb_build_object('en_US', f.label), f.ttype, f.relation, f.relation_table, f.column1, f.column2,
       f.related, f.depends, f.compute, f.state, f.store, f.domain
  FROM (VALUES
    ('action', 'ir.ui.menu', 'Action', 'reference', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'base', true, NULL),
    ('activity_note', 'mail.activity.mixin', 'Activity Note', 'text', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'base', true, NULL),
    ('activity_note', 'crm.lead', 'Activity Note', 'text', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'base', true, NULL),
    ('activity_note', 'project.task', 'Activity Note', 'text', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'base', true, NULL),
    ('name', 'crm.lead', 'Opportunity', 'char', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'base', true, NULL),
    ('description', 'crm.lead', 'Notes', 'html', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'base', true, NULL),
    ('x_origin_ref', 'crm.lead', 'Origin', 'reference', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'manual', true, NULL),
    ('x_tag_ids', 'crm.lead', 'Tags', 'many2many', 'crm.lead.tag', 'crm_lead_tag_rel', 'lead_id', 'tag_id', NULL, NULL, NULL, 'manual', true, NULL),
    ('name', 'project.task', 'Title', 'char', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'base', true, NULL),
    ('name', 'crm.lead.tag', 'Name', 'char', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'base', true, NULL),
    ('color', 'crm.lead.tag', 'Color', 'integer', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'base', true, NULL),
    ('name', 'crm.tag', 'Name', 'char', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'base', true, NULL),
    ('color', 'crm.tag', 'Color', 'integer', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'base', true, NULL),
    ('x_order_note', 'sale.order.line', 'Order note', 'html', NULL, NULL, NULL, NULL, 'order_id.note', NULL, NULL, 'manual', false, NULL),
    ('x_note_len', 'sale.order.line', 'Note length', 'integer', NULL, NULL, NULL, NULL, NULL, 'order_id.state,order_id.note, order_id.state',
     'for r in self: r[''x_note_len''] = len(r.order_id.note or '''')', 'manual', false, NULL),
    ('x_vip_partner_id', 'sale.order', 'VIP', 'many2one', 'res.partner', NULL, NULL, NULL, NULL, NULL, NULL, 'manual', true,
     '[(''state'', ''='', ''sale''), (''customer_rank'', ''>'', 2)]')
  ) AS f(name, model, label, ttype, relation, relation_table, column1, column2, related, depends, compute, state, store, domain)
  JOIN ir_model m ON m.model = f.model;

INSERT INTO ir_model_inherit (model_id, parent_id)
SELECT c.id, p.id FROM ir_model c, ir_model p
 WHERE p.model = 'mail.activity.mixin' AND c.model IN ('crm.lead', 'project.task');

INSERT INTO ir_model_data (module, name, model, res_id, noupdate)
SELECT d.module, d.name, d.model, r.id, false
  FROM (VALUES
    ('crm', 'model_crm_lead_tag', 'ir.model', 'crm.lead.tag', NULL),
    ('crm', 'model_crm_tag', 'ir.model', 'crm.tag', NULL),
    ('crm', 'field_crm_lead_tag__name', 'ir.model.fields', 'crm.lead.tag', 'name'),
    ('crm', 'field_crm_lead_tag__color', 'ir.model.fields', 'crm.lead.tag', 'color'),
    ('crm', 'field_crm_tag__name', 'ir.model.fields', 'crm.tag', 'name'),
    ('crm', 'field_crm_tag__color', 'ir.model.fields', 'crm.tag', 'color'),
    ('mail', 'field_mail_activity_mixin__activity_note', 'ir.model.fields', 'mail.activity.mixin', 'activity_note'),
    ('crm', 'field_crm_lead__activity_note', 'ir.model.fields', 'crm.lead', 'activity_note'),
    ('sale', 'field_sale_order_line__order_id', 'ir.model.fields', 'sale.order.line', 'order_id')
  ) AS d(module, name, model, rmodel, rfield)
  JOIN ir_model m ON m.model = d.rmodel
  LEFT JOIN ir_model_fields f ON f.model = d.rmodel AND f.name = d.rfield
  CROSS JOIN LATERAL (SELECT CASE WHEN d.rfield IS NULL THEN m.id ELSE f.id END) AS r(id);

-- References that the refactors rewrite or remove.
INSERT INTO ir_filters (name, model_id, domain, context, sort) VALUES
    ('Draft quotations', 'sale.order', '[("state", "=", "draft"), ("partner_id.customer_rank", ">", 0)]',
     '{''group_by'': [''state''], ''default_state'': ''draft''}', '["state desc", "name"]'),
    ('My quotations', 'sale.order', '[(''user_id'', ''='', uid), ("state", "in", [''draft'', ''sent''])]', '{}', '[]'),
    ('Lines of drafts', 'sale.order.line', '[''|'', (''order_id.state'', ''='', ''draft''), (''name'', ''ilike'', ''state'')]', '{}', '[]'),
    ('Sale analysis', 'sale.order', '[]', '{''pivot_measures'': [''amount_total''], ''pivot_row_groupby'': [''state:month'']}', '[]'),
    ('Red tags', 'crm.lead.tag', '[(''color'', ''='', 1)]', '{}', '[]');
INSERT INTO ir_act_window (name, res_model, domain, context) VALUES
    ('{"en_US": "Orders to invoice"}', 'sale.order', '[(''state'', ''not in'', (''draft'', ''cancel''))]',
     '{''group_by'': ''state'', ''default_state'': ''sale''}'),
    ('{"en_US": "Lead tags"}', 'crm.lead.tag', NULL, '{}');
INSERT INTO ir_ui_menu (name, parent_id, parent_path, action)
SELECT '{"en_US": "Lead tags"}', 1, '1/3/', 'ir.actions.act_window,' || id FROM ir_act_window WHERE res_model = 'crm.lead.tag';
INSERT INTO ir_model_data (module, name, model, res_id)
SELECT 'sale', 'filter_sale_analysis', 'ir.filters', id FROM ir_filters WHERE name = 'Sale analysis'
UNION ALL
SELECT 'crm', 'crm_lead_tag_action', 'ir.actions.act_window', id FROM ir_act_window WHERE res_model = 'crm.lead.tag'
UNION ALL
SELECT 'crm', 'menu_crm_lead_tag', 'ir.ui.menu', id FROM ir_ui_menu WHERE action LIKE 'ir.actions.act_window,%' AND parent_path = '1/3/';
INSERT INTO ir_rule (name, model_id, domain_force)
SELECT 'Sale orders: not cancelled', id, '[(''state'', ''!='', ''cancel'')]' FROM ir_model WHERE model = 'sale.order';
INSERT INTO ir_model_access (name, model_id)
SELECT 'access_' || replace(model, '.', '_'), id FROM ir_model WHERE model IN ('sale.order', 'crm.lead.tag', 'crm.tag');
INSERT INTO ir_model_data (module, name, model, res_id)
SELECT split_part(a.name, '_', 2), a.name, 'ir.model.access', a.id FROM ir_model_access a;
INSERT INTO ir_model_constraint (name, definition, model, module, type)
SELECT 'sale_order_name_uniq', 'unique(name)', m.id, mm.id, 'u' FROM ir_model m, ir_module_module mm
 WHERE m.model = 'sale.order' AND mm.name = 'sale';
INSERT INTO ir_model_data (module, name, model, res_id)
SELECT 'sale', 'constraint_sale_order_name_uniq', 'ir.model.constraint', id FROM ir_model_constraint;
INSERT INTO ir_model_relation (name, model, module)
SELECT 'crm_lead_tag_rel', m.id, mm.id FROM ir_model m, ir_module_module mm WHERE m.model = 'crm.lead' AND mm.name = 'x_custom';
INSERT INTO ir_default (field_id, json_value)
SELECT id, '4' FROM ir_model_fields WHERE model = 'crm.lead.tag' AND name = 'color';
INSERT INTO ir_exports (name, resource) VALUES ('lines', 'sale.order.line');
INSERT INTO ir_exports_line (name, export_id)
SELECT 'state', id FROM ir_exports WHERE resource = 'sale.order'
UNION ALL
SELECT l.name, e.id FROM ir_exports e, (VALUES ('order_id/state'), ('order_id/note/.id'), ('name')) AS l(name) WHERE e.resource = 'sale.order.line';
INSERT INTO ir_attachment (name, res_model, res_field, res_id) VALUES
    ('terms.pdf', 'sale.order', 'note', 1),
    ('tag.png', 'crm.lead.tag', NULL, 1);
INSERT INTO mail_message (model, res_id, body) VALUES ('crm.lead.tag', 1, 'Tag created');
INSERT INTO mail_followers (res_model, res_id, partner_id) VALUES ('crm.lead.tag', 1, 3);
INSERT INTO ir_ui_view (name, model, type, arch_db) VALUES
    ('crm.lead.tag.list', 'crm.lead.tag', 'tree', '{"en_US": "<tree><field name=\"name\"/></tree>"}'),
    ('crm.lead.tag.custom', 'crm.lead.tag', 'tree', '{"en_US": "<tree><field name=\"color\"/></tree>"}');
INSERT INTO ir_model_data (module, name, model, res_id)
SELECT 'crm', 'crm_lead_tag_view_tree', 'ir.ui.view', id FROM ir_ui_view WHERE name = 'crm.lead.tag.list';
INSERT INTO ir_act_server (name, model_id, model_name, state, code)
SELECT '{"en_US": "Confirm"}', id, model, 'code', 'env[''sale.order''].browse(1).write({})' || chr(10) || 'lines = env["sale.order.line"]'
  FROM ir_model WHERE model = 'sale.order';

INSERT INTO mail_alias (alias_name, alias_model_id, alias_defaults)
SELECT 'sales', id, '{''state'': ''draft'', ''note'': ''x''}' FROM ir_model WHERE model = 'sale.order';

-- Data rows of the CRM corner.
INSERT INTO crm_lead (name, activity_note, description, x_origin_ref) VALUES
    ('Big deal', 'call back', '<p>big</p>', 'sale.order,1'),
    ('Small deal', NULL, NULL, 'res.partner,3');
INSERT INTO project_task (name, activity_note) VALUES ('Task A', 'check specs');
INSERT INTO crm_lead_tag (name, color) VALUES ('{"en_US": "Hot"}', 1), ('{"en_US": "Cold"}', 4);
INSERT INTO crm_tag (name, color) VALUES ('{"en_US": "VIP"}', 2);
INSERT INTO crm_lead_tag_rel VALUES (1, 1), (2, 2);

-- Odoo <= 15 translations (ir_translation), for the 15.0-style cases.
INSERT INTO ir_translation (lang, src, name, res_id, module, state, value, type) VALUES
    ('fr_FR', '<p>Net 30</p>', 'sale.order,note', 1, 'sale', 'translated', '<p>Net 30 jours</p>', 'model_terms'),
    ('fr_FR', 'Quotation', 'sale.order,state', 0, 'sale', 'translated', 'Devis', 'selection'),
    ('fr_FR', 'Terms', 'sale.order,note', 0, 'sale', 'translated', 'Conditions', 'code'),
    ('fr_FR', 'Name must be unique', 'sale.order', 0, 'sale', 'translated', 'Le nom doit être unique', 'sql_constraint'),
    ('fr_FR', 'Customer', 'res.partner,name', 3, 'base', 'translated', 'Client', 'model');

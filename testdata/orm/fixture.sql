-- The database the testdata/orm tree upgrades: partners to rank, Odoo's
-- module table, and orm_log, where every script that runs writes its name.
-- (Not named schema.sql: runner's host-parity test runs every schema.sql
-- tree without --skip-orm, and this tree is refused without it.)
CREATE TABLE res_partner (
    id serial PRIMARY KEY,
    name varchar NOT NULL,
    customer_rank integer NOT NULL DEFAULT 0
);
INSERT INTO res_partner (name, customer_rank) VALUES
    ('VIP Azure Interior', 3),
    ('Deco Addict', 1),
    ('VIP Gemini Furniture', 0),
    ('Ready Mat', 0);
CREATE TABLE ir_module_module (
    id serial PRIMARY KEY,
    name varchar NOT NULL UNIQUE,
    state varchar NOT NULL,
    latest_version varchar
);
INSERT INTO ir_module_module (name, state, latest_version) VALUES
    ('base', 'installed', '17.0.1.3'),
    ('partner_orm', 'installed', '17.0.1.0'),
    ('sale_sql', 'installed', '17.0.1.0');
CREATE TABLE orm_log (id serial PRIMARY KEY, script text NOT NULL);

-- An Odoo-shaped schema, loaded both into PostgreSQL and into the
-- trace's picture, so that catalog queries can be compared on both.
CREATE TABLE res_company (
    id serial PRIMARY KEY,
    name varchar NOT NULL,
    currency_id integer
);
CREATE TABLE res_partner (
    id serial PRIMARY KEY,
    name varchar(128) NOT NULL,
    ref varchar,
    active boolean DEFAULT true,
    company_id integer REFERENCES res_company(id) ON DELETE SET NULL,
    parent_id integer,
    credit numeric(16,2),
    score double precision,
    tags integer[],
    data jsonb,
    create_date timestamp without time zone,
    write_date timestamp(3) with time zone,
    birthday date,
    code char(4),
    kind "char",
    CONSTRAINT res_partner_ref_uniq UNIQUE (ref, company_id),
    CHECK (credit >= 0)
);
ALTER TABLE res_partner ADD CONSTRAINT res_partner_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES res_partner(id) ON DELETE CASCADE;
CREATE INDEX res_partner_name_index ON res_partner USING btree (name);
CREATE INDEX res_partner_active_ref ON res_partner (active, ref) WHERE ref IS NOT NULL;
CREATE UNIQUE INDEX res_partner_code_uniq ON res_partner (code);
CREATE TABLE res_partner_res_company_rel (
    res_partner_id integer NOT NULL REFERENCES res_partner(id) ON DELETE CASCADE,
    res_company_id integer NOT NULL REFERENCES res_company(id) ON DELETE CASCADE,
    PRIMARY KEY (res_partner_id, res_company_id)
);
CREATE TABLE ir_model_data (
    id bigserial PRIMARY KEY,
    module varchar NOT NULL,
    name varchar NOT NULL,
    res_id integer,
    noupdate boolean DEFAULT false
);
CREATE VIEW partner_report AS SELECT p.id, p.name, c.name AS company FROM res_partner p JOIN res_company c ON c.id = p.company_id;
CREATE MATERIALIZED VIEW partner_count AS SELECT count(*) AS n FROM res_partner;
CREATE SEQUENCE ir_sequence_001;

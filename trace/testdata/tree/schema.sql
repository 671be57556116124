-- The structure the tree's scripts expect, as pg_dump --schema-only
-- would print part of it (rows are not read by the trace).
SET statement_timeout = 0;
SELECT pg_catalog.set_config('search_path', '', false);

CREATE TABLE public.res_company (
    id integer NOT NULL,
    name character varying NOT NULL
);

CREATE TABLE public.res_partner (
    id integer NOT NULL,
    name character varying(128),
    tier character varying,
    active boolean DEFAULT true,
    company_id integer,
    comment text,
    credit numeric(16,2),
    create_date timestamp without time zone,
    write_date timestamp without time zone
);

CREATE SEQUENCE public.res_partner_id_seq AS integer START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
ALTER SEQUENCE public.res_partner_id_seq OWNED BY public.res_partner.id;
ALTER TABLE ONLY public.res_partner ALTER COLUMN id SET DEFAULT nextval('public.res_partner_id_seq'::regclass);

CREATE TABLE public.ir_attachment (
    id serial PRIMARY KEY,
    name varchar NOT NULL,
    res_model varchar,
    res_id integer
);

CREATE TABLE public.loyalty_level (id serial PRIMARY KEY, name varchar UNIQUE, points int DEFAULT 0);

COPY public.res_company (id, name) FROM stdin;
1	My Company
\.

ALTER TABLE ONLY public.res_company ADD CONSTRAINT res_company_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.res_partner ADD CONSTRAINT res_partner_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.res_partner
    ADD CONSTRAINT res_partner_company_id_fkey FOREIGN KEY (company_id) REFERENCES public.res_company(id) ON DELETE SET NULL;
CREATE INDEX res_partner_name_index ON public.res_partner USING btree (name);
CREATE VIEW public.partner_report AS SELECT p.id, p.name, c.name AS company FROM public.res_partner p JOIN public.res_company c ON c.id = p.company_id;
COMMENT ON TABLE public.res_partner IS 'Contact';

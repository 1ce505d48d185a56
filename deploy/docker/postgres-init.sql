-- Wholesail's database and roles, as deploy/local/stack's pg_provision creates them: the database `wholesail`
-- owned by the admin role `wholesail_admin` (may create schemas, roles and databases), and one login role per
-- service owning the schema of its name and nothing else.
--
-- docker-compose.yml mounts this file into the postgres image's /docker-entrypoint-initdb.d/, which runs it once, as
-- the superuser, on an empty data volume. The passwords are the development ones (password = role name): never use
-- them outside a developer's machine.

CREATE ROLE wholesail_admin WITH LOGIN CREATEROLE CREATEDB NOSUPERUSER PASSWORD 'wholesail_admin';
CREATE ROLE pricing WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD 'pricing';
CREATE ROLE inventory WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD 'inventory';
CREATE ROLE orders WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD 'orders';
CREATE ROLE shipments WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD 'shipments';
CREATE ROLE finance WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD 'finance';

CREATE DATABASE wholesail OWNER wholesail_admin;
REVOKE ALL ON DATABASE wholesail FROM PUBLIC;
GRANT CONNECT ON DATABASE wholesail TO pricing, inventory, orders, shipments, finance;
-- The operator's role may act as each service (wholesailctl reads every schema: outboxes, timelines, channel keys).
GRANT pricing, inventory, orders, shipments, finance TO wholesail_admin;

\connect wholesail

REVOKE CREATE ON SCHEMA public FROM PUBLIC;
CREATE SCHEMA IF NOT EXISTS pricing AUTHORIZATION pricing;
CREATE SCHEMA IF NOT EXISTS inventory AUTHORIZATION inventory;
CREATE SCHEMA IF NOT EXISTS orders AUTHORIZATION orders;
CREATE SCHEMA IF NOT EXISTS shipments AUTHORIZATION shipments;
CREATE SCHEMA IF NOT EXISTS finance AUTHORIZATION finance;

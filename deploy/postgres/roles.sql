-- The database roles of SSPR Writeback. Per service that has a schema, two roles:
--   sspr_<svc>_owner  owns the schema and everything in it; only the migration step (Flyway) signs in as it
--   sspr_<svc>        the running service: the DML it needs on its own tables, granted by its migrations
-- Neither is a superuser, may create a schema or a role, or reach another service's schema; nobody may create in
-- schema public. The running service owns nothing, so it cannot grant itself more (the audit service's role may
-- only INSERT and SELECT its records).
--
--   service          schema     owner                runtime role
--   reset-portal     portal     sspr_portal_owner    sspr_portal
--   writeback-worker writeback  sspr_worker_owner    sspr_worker
--   audit-service    audit      sspr_audit_owner     sspr_audit
--
-- Run as a superuser, connected to the application's database, with the six passwords as psql variables:
--   psql -v ON_ERROR_STOP=1 -d sspr -v portal_password=... -v portal_owner_password=... \
--        -v worker_password=... -v worker_owner_password=... -v audit_password=... -v audit_owner_password=... \
--        -f deploy/postgres/roles.sql
-- Idempotent: it (re)sets the passwords, and takes over schemas and tables that an older version created as another
-- user (the superuser), so that the next migration runs as their owner. Used by deploy/local/stack (start_postgres)
-- and meant for docker-compose and Kubernetes database bootstrap jobs as well.
\set ON_ERROR_STOP on
SET client_min_messages = warning;

SELECT :{?portal_password} AND :{?portal_owner_password} AND :{?worker_password} AND :{?worker_owner_password}
   AND :{?audit_password} AND :{?audit_owner_password} AS all_passwords_set \gset
\if :all_passwords_set
\else
DO $$ BEGIN RAISE EXCEPTION 'roles.sql needs six psql variables: -v portal_password=... -v portal_owner_password=... -v worker_password=... -v worker_owner_password=... -v audit_password=... -v audit_owner_password=...'; END $$;
\endif

-- Stored as SCRAM verifiers whatever the server's default, so that scram-sha-256 authentication works
SET password_encryption = 'scram-sha-256';
SELECT format('CREATE ROLE %I', name)
  FROM unnest(ARRAY['sspr_portal_owner', 'sspr_portal', 'sspr_worker_owner', 'sspr_worker',
                    'sspr_audit_owner', 'sspr_audit']) AS name
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = name) \gexec

ALTER ROLE sspr_portal_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'portal_owner_password';
ALTER ROLE sspr_portal       LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'portal_password';
ALTER ROLE sspr_worker_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'worker_owner_password';
ALTER ROLE sspr_worker       LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'worker_password';
ALTER ROLE sspr_audit_owner  LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'audit_owner_password';
ALTER ROLE sspr_audit        LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'audit_password';

-- The database: only these roles (and superusers) connect; nobody creates schemas or temporary tables in it
SELECT current_database() AS database \gset
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"database" TO sspr_portal_owner, sspr_portal, sspr_worker_owner, sspr_worker,
    sspr_audit_owner, sspr_audit;
-- PostgreSQL 15 and later already refuse this by default; older versions let every role create in public
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- One schema per service, owned by its owner role; no rights for anyone else (the migrations grant the runtime role)
CREATE SCHEMA IF NOT EXISTS portal AUTHORIZATION sspr_portal_owner;
CREATE SCHEMA IF NOT EXISTS writeback AUTHORIZATION sspr_worker_owner;
CREATE SCHEMA IF NOT EXISTS audit AUTHORIZATION sspr_audit_owner;
ALTER SCHEMA portal OWNER TO sspr_portal_owner;
ALTER SCHEMA writeback OWNER TO sspr_worker_owner;
ALTER SCHEMA audit OWNER TO sspr_audit_owner;
REVOKE ALL ON SCHEMA portal, writeback, audit FROM PUBLIC;

-- What an older version created in these schemas as another user (tables, Flyway's history, sequences, views,
-- functions) passes to the schema's owner. Indexes and the sequences of identity or serial columns follow their table.
SELECT format('ALTER %s %I.%I OWNER TO %I',
              CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                             WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
              n.nspname, c.relname, s.owner)
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN (VALUES ('portal', 'sspr_portal_owner'), ('writeback', 'sspr_worker_owner'), ('audit', 'sspr_audit_owner'))
       AS s (schema, owner) ON s.schema = n.nspname
 WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
   AND pg_get_userbyid(c.relowner) <> s.owner
   AND NOT (c.relkind = 'S' AND EXISTS (SELECT FROM pg_depend d
                                         WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                                           AND d.deptype IN ('a', 'i')))
 \gexec

SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, s.owner)
  FROM pg_proc p
  JOIN pg_namespace n ON n.oid = p.pronamespace
  JOIN (VALUES ('portal', 'sspr_portal_owner'), ('writeback', 'sspr_worker_owner'), ('audit', 'sspr_audit_owner'))
       AS s (schema, owner) ON s.schema = n.nspname
 WHERE pg_get_userbyid(p.proowner) <> s.owner \gexec

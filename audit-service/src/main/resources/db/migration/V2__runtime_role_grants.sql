-- The running service signs in as its own role (placeholder runtime_role: sspr_audit; see deploy/postgres/roles.sql),
-- not as the owner that runs these migrations. It may add records and read them, nothing else: no UPDATE, DELETE or
-- TRUNCATE, so a compromised audit service cannot rewrite or remove what it stored, and since it owns nothing it
-- cannot grant itself more. "insert ... on conflict (id) do nothing" needs INSERT only. It reads Flyway's history
-- so that it can check at start that the migrations were applied. A later table is granted in its own migration.
revoke all on audit_record from public;
grant usage on schema ${flyway:defaultSchema} to ${runtime_role};
grant select, insert on audit_record to ${runtime_role};
grant select on ${flyway:table} to ${runtime_role};

-- The running service signs in as its own role (placeholder runtime_role: sspr_portal; see deploy/postgres/roles.sql),
-- not as the owner that runs these migrations: it adds requests, reads them and moves their status on; it deletes
-- nothing and owns nothing, so it cannot grant itself more. It reads Flyway's history so that it can check at start
-- that the migrations were applied. A later table is granted in its own migration.
revoke all on password_requests from public;
grant usage on schema ${flyway:defaultSchema} to ${runtime_role};
grant select, insert, update on password_requests to ${runtime_role};
grant select on ${flyway:table} to ${runtime_role};
